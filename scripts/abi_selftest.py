#!/usr/bin/env python3
"""Writes the cases scripts/abi.sh selftest runs through its own check: pairs of ABI
descriptions made from the committed baseline by one change each, and the verdict the
check must reach. Each case is a directory with old.xml, new.xml, old.txt, new.txt
(constants) and expect ("break" or "pass").

    abi_selftest.py BASELINE_XML CONSTANTS OUT_DIR
"""

import copy
import os
import sys
import xml.etree.ElementTree as ET


def struct(root, name):
    return next(c for c in root.iter("class-decl") if c.get("name") == name)


def member(s, name):
    return next(dm for dm in s.findall("data-member") if dm.find("var-decl").get("name") == name)


def append_member(s, name, type_of):
    """Appends a 64-bit member of the type of the existing member `type_of`."""
    size = int(s.get("size-in-bits"))
    dm = copy.deepcopy(member(s, type_of))
    dm.set("layout-offset-in-bits", str(size))
    dm.find("var-decl").set("name", name)
    s.append(dm)
    s.set("size-in-bits", str(size + 64))


def swap_offsets(s, a, b):
    ma, mb = member(s, a), member(s, b)
    oa, ob = ma.get("layout-offset-in-bits"), mb.get("layout-offset-in-bits")
    ma.set("layout-offset-in-bits", ob)
    mb.set("layout-offset-in-bits", oa)


def renumber(root, enumerator, value):
    next(e for e in root.iter("enumerator") if e.get("name") == enumerator).set("value", value)


def drop_enumerator(root, enum, name):
    e = next(e for e in root.iter("enum-decl") if e.get("name") == enum)
    e.remove(next(x for x in e.findall("enumerator") if x.get("name") == name))


def drop_function(root, name):
    for parent in root.iter():
        for child in list(parent):
            if child.get("name") == name and child.tag in ("function-decl", "elf-symbol"):
                parent.remove(child)


# name: (verdict, change to the new side, change to the old side, constants of the new side)
CASES = {
    "reordered-options-fields": ("break", lambda r: swap_offsets(
        struct(r, "kgen_client_options"), "connect_timeout_ms", "request_timeout_ms"), None, None),
    "changed-enumerator": ("break", lambda r: renumber(r, "KGEN_TOURNAMENT_LOCKED", "6"), None, None),
    "removed-function": ("break", lambda r: drop_function(r, "kgen_version"), None, None),
    "field-appended-to-an-array-element": ("break", lambda r: append_member(
        struct(r, "kgen_tournament"), "added_at_end", "title"), None, None),
    "changed-constant": ("break", None, None, lambda c: c.replace("KGEN_LOG_WARN 2", "KGEN_LOG_WARN 7")),
    "removed-constant": ("break", None, None, lambda c: c.replace("KGEN_LOG_TRACE 5\n", "")),
    "field-appended-behind-struct_size": ("pass", lambda r: append_member(
        struct(r, "kgen_client_options"), "added_at_end", "base_url"), None, None),
    "added-function": ("pass", None, lambda r: drop_function(r, "kgen_version"), None),
    "added-enumerator": ("pass", None, lambda r: drop_enumerator(
        r, "kgen_tournament_status", "KGEN_TOURNAMENT_COMPLETED"), None),
    "added-constant": ("pass", None, None, lambda c: c + "KGEN_SOMETHING_NEW 42\n"),
}


def main(baseline, constants_path, out):
    constants = open(constants_path, encoding="utf-8").read()
    for name, (verdict, new_change, old_change, new_constants) in CASES.items():
        case = os.path.join(out, name)
        os.makedirs(case, exist_ok=True)
        for side, change in (("old", old_change), ("new", new_change)):
            tree = ET.parse(baseline)
            if change:
                change(tree.getroot())
            tree.write(os.path.join(case, side + ".xml"), encoding="unicode")
        with open(os.path.join(case, "old.txt"), "w", encoding="utf-8") as f:
            f.write(constants)
        with open(os.path.join(case, "new.txt"), "w", encoding="utf-8") as f:
            f.write(new_constants(constants) if new_constants else constants)
        with open(os.path.join(case, "expect"), "w", encoding="utf-8") as f:
            f.write(verdict + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
