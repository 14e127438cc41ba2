#!/usr/bin/env python3
"""Reduces abidw's description of libkgen.so to the public C ABI.

abidw sees a Rust library's types through its DWARF: every codegen unit of every
crate, Rust's own types, source paths and hashes that differ from build to build.
The C ABI is the functions kgen.h declares and the types they reach. This keeps
exactly those: the header's functions (each must be exported), then every type
reachable from their parameters and results, flattened out of Rust's namespaces
(C has none, and moving a type between modules is not an ABI change), one copy
each, sorted. The output is the same for the same ABI, whoever builds it.

    abi_filter.py HEADER ABIXML > FILTERED
    abi_filter.py --grown BASELINE CURRENT GROW_LIST > PROJECTED

The second form hides compatible growth from abidiff: a struct named in GROW_LIST
whose members in CURRENT begin with exactly the members it has in BASELINE (same
names, offsets and types) is cut back to them. A reordered, resized or retyped
member is left for abidiff to report. (libabigail's own has_data_member_inserted_at
suppression would also hide a reorder within such a struct.)
"""

import re
import sys
import xml.etree.ElementTree as ET

TYPE_TAGS = {
    "class-decl", "union-decl", "enum-decl", "typedef-decl", "type-decl",
    "pointer-type-def", "reference-type-def", "qualified-type-def",
    "array-type-def", "function-type", "subrange",
}


# "kgen::ffi::types::kgen_event" inside Rust type names (e.g. the Option of a
# callback) is the C type kgen_event, wherever the Rust source keeps it.
RUST_PATH = re.compile(r"\bkgen::ffi::\w+::")


def header_functions(header_path):
    # A declaration starts a line: its return type, then the name and "(".
    text = open(header_path, encoding="utf-8").read()
    return set(re.findall(r"^[A-Za-z][\w ]*[\s*](kgen_\w+)\(", text, re.M))


def main(header_path, abixml_path):
    root = ET.parse(abixml_path).getroot()
    parent = {child: node for node in root.iter() for child in node}
    by_id = {}
    for node in root.iter():
        node_id = node.get("id")
        if node_id is not None and node.tag in TYPE_TAGS:
            by_id.setdefault(node_id, node)

    def outermost(node):
        # A type declared inside another type travels with it.
        top, up = node, parent.get(node)
        while up is not None:
            if up.tag in TYPE_TAGS:
                top = up
            up = parent.get(up)
        return top

    wanted = header_functions(header_path)
    functions = {}
    for fn in root.iter("function-decl"):
        name = fn.get("name")
        if name in wanted and fn.get("elf-symbol-id") == name:
            functions.setdefault(name, fn)
    missing = sorted(wanted - set(functions))
    if missing:
        sys.exit("kgen.h declares functions the library's debug info does not define: "
                 + ", ".join(missing))

    kept, queue = {}, [fn for _, fn in sorted(functions.items())]
    while queue:
        for node in queue.pop().iter():
            ref = node.get("type-id")
            if ref is None or ref not in by_id:
                continue
            top = outermost(by_id[ref])
            key = top.get("id")
            if key not in kept:
                kept[key] = top
                queue.append(top)

    corpus = ET.Element("abi-corpus", root.attrib)
    symbols = root.find("elf-function-symbols")
    if symbols is not None:
        corpus.append(symbols)
    instr = ET.SubElement(corpus, "abi-instr",
                          {"address-size": "64", "path": "kgen.h", "language": "LANG_C99"})

    def sort_key(node):
        return (node.tag, node.get("name") or "", node.get("id"))

    for node in sorted(kept.values(), key=sort_key):
        for inner in node.iter():
            if "name" in inner.attrib:
                inner.set("name", RUST_PATH.sub("", inner.get("name")))
        instr.append(node)
    for _, fn in sorted(functions.items()):
        instr.append(fn)
    ET.indent(corpus, space="  ")
    sys.stdout.write(ET.tostring(corpus, encoding="unicode") + "\n")


def members(struct):
    return [(dm.get("layout-offset-in-bits"), var.get("name"), var.get("type-id"))
            for dm in struct.findall("data-member") for var in dm.findall("var-decl")]


def project_growth(baseline_path, current_path, grow_list_path):
    names = {line.split("#")[0].strip() for line in open(grow_list_path, encoding="utf-8")} - {""}
    def structs(root):
        return {c.get("name"): c for c in root.iter("class-decl") if c.get("name") in names}
    before = structs(ET.parse(baseline_path).getroot())
    tree = ET.parse(current_path)
    for name, struct in structs(tree.getroot()).items():
        if name not in before:
            continue
        old = members(before[name])
        if members(struct)[:len(old)] != old:
            continue
        for dm in struct.findall("data-member")[len(old):]:
            struct.remove(dm)
        struct.set("size-in-bits", before[name].get("size-in-bits"))
    sys.stdout.write(ET.tostring(tree.getroot(), encoding="unicode") + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--grown":
        project_growth(*sys.argv[2:])
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
