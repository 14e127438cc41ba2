//! Generates the C header (cbindgen) and the C# raw layer (csbindgen) from the
//! exports in `src/ffi/`. Both files are committed; CI regenerates them and
//! fails when they differ, so generation must be deterministic.

use std::fs;
use std::path::{Path, PathBuf};

const HEADER: &str = "include/kgen.h";
const CSHARP: &str = "bindings/unity/Runtime/Native/NativeMethods.g.cs";

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=src/ffi");

    link_names();
    let ffi_files = ffi_sources(&root.join("src/ffi"));
    write_if_changed(&root.join(HEADER), &c_header(&root));
    write_if_changed(&root.join(CSHARP), &csharp(&ffi_files));
}

/// Gives the shared library the name programs record when they link it, so an
/// installed or staged copy is found by that name (a SONAME on Linux and Android, an
/// `@rpath` install name on Apple) rather than by cargo's build path.
fn link_names() {
    match env("CARGO_CFG_TARGET_OS").as_str() {
        "linux" | "android" => println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libkgen.so"),
        "macos" | "ios" => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libkgen.dylib")
        }
        _ => {}
    }
}

/// The `.rs` files of `src/ffi`, sorted so the output never depends on directory order.
fn ffi_sources(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("src/ffi exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

const VERSION_NUMBER_DOC: &str = "\
// The version as one number, MAJOR * 1000000 + MINOR * 1000 + PATCH. Programs pass
// it as kgen_client_options.header_version (KGEN_CLIENT_OPTIONS_INIT does), and
// kgen_client_new refuses a library of another major version (0.MINOR before 1.0).
";

fn c_header(root: &Path) -> String {
    let mut config =
        cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("valid cbindgen.toml");
    let [major, minor, patch] = version_parts();
    config.after_includes = Some(format!(
        "\n#define KGEN_VERSION_MAJOR {major}\n#define KGEN_VERSION_MINOR {minor}\n#define KGEN_VERSION_PATCH {patch}\n#define KGEN_VERSION_STRING \"{}\"\n{VERSION_NUMBER_DOC}#define KGEN_VERSION_NUMBER {}\n\n/* Element `index` of an array of result structs whose elements are `size` bytes apart\n * (the size beside the array's count; see \"Results grow\" above). */\n#ifdef __cplusplus\n#define KGEN_ARRAY_AT(type, items, size, index)                                 \\\n    (reinterpret_cast<const type *>(reinterpret_cast<const char *>(items) +     \\\n                                    static_cast<size_t>(index) * static_cast<size_t>(size)))\n#else\n#define KGEN_ARRAY_AT(type, items, size, index) \\\n    ((const type *)((const char *)(items) + (size_t)(index) * (size_t)(size)))\n#endif",
        env("CARGO_PKG_VERSION"),
        version_number(),
    ));
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/ffi/mod.rs"))
        .generate()
        .expect("cbindgen can read src/ffi")
        .write(&mut out);
    String::from_utf8(out).expect("UTF-8 header")
}

fn csharp(files: &[PathBuf]) -> String {
    let out = PathBuf::from(env("OUT_DIR")).join("NativeMethods.g.cs");
    let mut builder = csbindgen::Builder::default();
    for file in files {
        builder = builder.input_extern_file(file);
    }
    builder
        .csharp_namespace("Kgen.Native")
        .csharp_class_name("NativeMethods")
        .csharp_dll_name("kgen")
        .csharp_dll_name_if("UNITY_IOS && !UNITY_EDITOR", "__Internal")
        .csharp_use_function_pointer(false)
        .csharp_use_nint_types(false)
        .csharp_generate_const_filter(|name| name.starts_with("KGEN_"))
        .generate_csharp_file(&out)
        .expect("csbindgen can read src/ffi");
    let class = "    internal static unsafe partial class NativeMethods\n    {\n";
    let version = format!(
        "{class}        /// <summary>kgen.h's KGEN_VERSION_NUMBER: the version these bindings were generated for,\n        /// passed as kgen_client_options.header_version.</summary>\n        internal const uint KGEN_VERSION_NUMBER = {};\n",
        version_number()
    );
    name_delegates(&fs::read_to_string(&out).expect("just written")).replacen(class, &version, 1)
}

/// csbindgen declares one delegate type per callback parameter
/// (`kgen_tournaments_join_callback_delegate`, ...). Name them after the C
/// typedef of their signature instead, one declaration each: IL2CPP needs a
/// static method attributed per delegate type, so one type per signature keeps
/// wrappers small.
fn name_delegates(generated: &str) -> String {
    const ATTRIBUTE: &str = "        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]\n";
    const TYPEDEFS: [(&str, &str); 2] = [
        ("kgen_callback", "(kgen_event* @event, void* user_data);"),
        (
            "kgen_log_fn",
            "(int level, byte* message, void* user_data);",
        ),
    ];
    let declaration = |name: &str, signature: &str| {
        format!("{ATTRIBUTE}        internal delegate void {name}{signature}\n\n")
    };
    let mut out = generated.to_owned();
    for (typedef, signature) in TYPEDEFS {
        let generated_names: Vec<String> = out
            .lines()
            .filter_map(|l| {
                l.trim()
                    .strip_prefix("internal delegate void ")?
                    .strip_suffix(signature)
            })
            .map(str::to_owned)
            .collect();
        for (i, name) in generated_names.iter().enumerate() {
            let replacement = if i == 0 {
                declaration(typedef, signature)
            } else {
                String::new()
            };
            out = out.replace(&declaration(name, signature), &replacement);
            out = out.replace(&format!("{name} "), &format!("{typedef} "));
        }
    }
    out
}

fn version_parts() -> [u32; 3] {
    ["MAJOR", "MINOR", "PATCH"].map(|part| {
        env(&format!("CARGO_PKG_VERSION_{part}"))
            .parse()
            .expect("a number")
    })
}

/// The version as one number (kgen.h's `KGEN_VERSION_NUMBER`).
fn version_number() -> u32 {
    let [major, minor, patch] = version_parts();
    major * 1_000_000 + minor * 1_000 + patch
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"))
}

fn write_if_changed(path: &Path, content: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == content) {
        return;
    }
    fs::create_dir_all(path.parent().expect("has a parent")).expect("can create the directory");
    fs::write(path, content).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
