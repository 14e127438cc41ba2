#!/usr/bin/env python3
"""A stand-in for UnrealHeaderTool, for compiling the plugin without an engine.

    uht_standin.py SOURCE_DIR OUT_DIR

For every header under SOURCE_DIR that includes its NAME.generated.h, writes
OUT_DIR/NAME.generated.h with the body that GENERATED_BODY() expands to on
each line (Super, ThisClass, StaticClass), the way UHT keys it by file and
line. It also refuses what UHT refuses and what this plugin has got wrong
before, so a mistake fails here rather than in a studio's engine build:
  - the .generated.h include must be the header's last include;
  - a reflected class or struct needs GENERATED_BODY();
  - a BlueprintType UENUM is an `enum class ... : uint8`;
  - a BlueprintReadOnly/ReadWrite property has a type Blueprints can hold;
  - AutoCreateRefTerm names parameters of the function, each a const reference.
Exit status 1 with one line per problem.
"""
import pathlib
import re
import sys

BLUEPRINT_TYPES = re.compile(
    r"^(bool|uint8|int32|int64|float|double|FString|FName|FText|FDateTime|FTimespan"
    r"|E\w+|F\w+|TObjectPtr<U\w+>|U\w+\*|TArray<(FString|F\w+|E\w+|int32|int64|double|float|bool|TObjectPtr<U\w+>)>)$"
)
DECL = re.compile(r"^\s*(class|struct)\s+(?:KGEN_API\s+)?(\w+)(?:\s*:\s*public\s+(\w+))?")


def check_header(path, out_dir, problems):
    text = path.read_text()
    lines = text.splitlines()
    stem = path.stem
    generated = f'#include "{stem}.generated.h"'
    if generated not in text:
        if re.search(r"^\s*(UCLASS|USTRUCT|UENUM)\(", text, re.M):
            problems.append(f"{path}: reflected types without {generated}")
        return
    includes = [i for i, line in enumerate(lines) if line.startswith("#include")]
    if lines[includes[-1]].strip() != generated:
        problems.append(f"{path}:{includes[-1] + 1}: {stem}.generated.h must be the last #include")

    body = [f"// Written by uht_standin.py for {path.name}.", "#undef CURRENT_FILE_ID", f"#define CURRENT_FILE_ID {stem}_h"]
    pending = None  # the reflected declaration awaiting its GENERATED_BODY
    for number, line in enumerate(lines, start=1):
        marker = re.match(r"^\s*(UCLASS|USTRUCT)\(", line)
        if marker:
            if pending:
                problems.append(f"{path}:{pending[3]}: {pending[1]} has no GENERATED_BODY()")
            pending = (marker.group(1), None, None, number)
            continue
        decl = DECL.match(line)
        if pending and pending[1] is None and decl:
            pending = (pending[0], decl.group(2), decl.group(3), pending[3])
            continue
        if "GENERATED_BODY()" in line:
            if not pending or pending[1] is None:
                problems.append(f"{path}:{number}: GENERATED_BODY() outside a UCLASS or USTRUCT")
                continue
            kind, name, base, _ = pending
            if kind == "UCLASS":
                macro = (f"public: typedef {base} Super; typedef {name} ThisClass; "
                         "static UClass* StaticClass(); private:")
            else:
                macro = "public: static UScriptStruct* StaticStruct();"
                if base:
                    macro = f"public: typedef {base} Super; " + macro[len("public: "):]
            body.append(f"#define {stem}_h_{number}_GENERATED_BODY {macro}")
            pending = None
    if pending:
        problems.append(f"{path}:{pending[3]}: {pending[1]} has no GENERATED_BODY()")

    for match in re.finditer(r"UENUM\(([^)]*)\)\s*enum\s+(class\s+)?(\w+)\s*(:\s*(\w+))?", text):
        if "BlueprintType" in match.group(1) and (not match.group(2) or match.group(5) != "uint8"):
            problems.append(f"{path}: UENUM(BlueprintType) {match.group(3)} must be an enum class of uint8")

    for match in re.finditer(r"UPROPERTY\(([^)]*)\)\s*([\w<>:*\s]+?)\s+(\w+)\s*(=[^;]*)?;", text):
        specifiers, kind, name = match.group(1), " ".join(match.group(2).split()), match.group(3)
        if ("BlueprintRead" in specifiers or "BlueprintAssignable" in specifiers) and "BlueprintAssignable" not in specifiers:
            if not BLUEPRINT_TYPES.match(kind):
                problems.append(f"{path}: property {name}: Blueprints cannot hold a {kind}")

    for match in re.finditer(r"UFUNCTION\((.*)\)\s*\n\s*(?:static\s+|virtual\s+)?[\w<>:*\s]+?\b(\w+)\(([^)]*)\)", text):
        auto = re.search(r'AutoCreateRefTerm\s*=\s*"([^"]*)"', match.group(1))
        if not auto:
            continue
        params = {p.split()[-1].lstrip("&*"): p for p in (x.strip() for x in match.group(3).split(",")) if p}
        for name in (n.strip() for n in auto.group(1).split(",")):
            param = params.get(name)
            if param is None:
                problems.append(f"{path}: {match.group(2)}: AutoCreateRefTerm names {name}, which is not a parameter")
            elif not (param.startswith("const ") and "&" in param):
                problems.append(f"{path}: {match.group(2)}: AutoCreateRefTerm {name} must be a const reference")

    (out_dir / f"{stem}.generated.h").write_text("\n".join(body) + "\n")


def main():
    source, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    problems = []
    headers = sorted(source.rglob("*.h"))
    for header in headers:
        check_header(header, out_dir, problems)
    for problem in problems:
        print(problem)
    print(f"uht_standin: {len(headers)} headers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
