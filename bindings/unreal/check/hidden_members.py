#!/usr/bin/env python3
"""MSVC's C4458 for the plugin, which g++ and clang do not diagnose.

    hidden_members.py SOURCE_DIR

MSVC reports a local, parameter or lambda capture that has the name of a
member of the class whose member function it is in ("declaration hides class
member"), even in a static member function and inside its lambdas; Unreal
5.1+ builds treat that as an error. g++ and clang's -Wshadow stay silent in
the static and lambda cases, so this check looks for the pattern itself:
members come from the plugin's class declarations (with the members of the
plugin's own base classes), declarations from each `Class::Function` body.
Exit status 1 with one line per hidden member.
"""
import pathlib
import re
import sys

CLASS = re.compile(r"^(?:class|struct)\s+(?:KGEN_API\s+)?(\w+)(?:\s*:\s*public\s+(\w+))?\s*$", re.M)
MACRO = re.compile(r"\b(?:UPROPERTY|UFUNCTION|UMETA|GENERATED_BODY)\s*\(")
TYPE = r"(?:auto|bool|int32|int64|uint8|uint32|float|double|[FUTEI][A-Z]\w*(?:<[^;{}]*?>)?|kgen::\w+(?:<[^;{}]*?>)?|std::\w+(?:<[^;{}]*?>)?)"
DECLARATION = re.compile(r"\b" + TYPE + r"\s*[*&]*\s+(\w+)\s*(?=[=;({:,)])")
CAPTURE = re.compile(r"[\[,]\s*&?(\w+)\s*=")
DEFINITION = re.compile(r"^[\w:<>*&\s]*?\b(\w+)::(\w+)\(([^)]*)\)[^;{]*\{", re.M)


def body_of(text, start):
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start:i]
    return text[start:]


def without_comments(text):
    return re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)


def without_balanced(text, pattern, open_char, close_char):
    """text without each match of pattern and what follows it up to the balancing close_char."""
    out, i = [], 0
    for match in pattern.finditer(text):
        if match.start() < i:
            continue
        out.append(text[i:match.start()])
        depth, j = 0, match.end() - 1
        for j in range(match.end() - 1, len(text)):
            depth += {open_char: 1, close_char: -1}.get(text[j], 0)
            if depth == 0:
                break
        i = j + 1
    return "".join(out) + text[i:]


def fields(body):
    """The names of the data members declared in a class body's own level."""
    names = set()
    for statement in body.split(";"):
        statement = without_balanced(statement, re.compile("<"), "<", ">")  # template arguments
        statement = re.sub(r"\b(public|private|protected)\s*:", "", statement).strip()
        if not statement or "(" in statement.split("=")[0] or statement.startswith(("friend", "using", "typedef")):
            continue
        name = re.search(r"(\w+)\s*$", statement.split("=")[0].split("{")[0])
        if name and len(statement.split("=")[0].split()) >= 2:
            names.add(name.group(1))
    return names


def class_members(headers):
    members, bases = {}, {}
    for header in headers:
        text = without_balanced(without_comments(header.read_text()), MACRO, "(", ")")
        for match in CLASS.finditer(text):
            brace = text.index("{", match.end())
            body = body_of(text, brace)[1:]
            # Only the class's own level: drop nested braces (inline function bodies).
            flat, depth = [], 0
            for ch in body:
                depth += {"{": 1, "}": -1}.get(ch, 0)
                if depth == 0:
                    flat.append(";" if ch == "}" else ch)
            members[match.group(1)] = fields("".join(flat))
            bases[match.group(1)] = match.group(2)
    def all_members(name):
        found = set()
        while name in members:
            found |= members[name]
            name = bases.get(name)
        return found
    return {name: all_members(name) for name in members}


def main():
    source = pathlib.Path(sys.argv[1])
    members = class_members(sorted(source.rglob("*.h")))
    problems, functions = [], 0
    for unit in sorted(source.rglob("*.cpp")):
        text = without_comments(unit.read_text())
        for match in DEFINITION.finditer(text):
            owner, function, params = match.groups()
            if owner not in members:
                continue
            functions += 1
            body = params + body_of(text, match.end() - 1)
            names = {m.group(1) for m in DECLARATION.finditer(body)} | {m.group(1) for m in CAPTURE.finditer(body)}
            for name in sorted(names & members[owner]):
                problems.append(f"{unit}: {owner}::{function}: '{name}' hides the member {owner}::{name} (MSVC C4458)")
    for problem in problems:
        print(problem)
    print(f"hidden_members: {functions} member functions, {sum(map(len, members.values()))} members, {len(problems)} hidden")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
