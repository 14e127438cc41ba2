using System.IO;
using UnityEditor;
using UnityEditor.Build;
using UnityEditor.Build.Reporting;
using UnityEditor.UnityLinker;

namespace Kgen.Editor
{
    /// <summary>Gives the package's link.xml to the managed code linker (IL2CPP, stripping).</summary>
    class KgenLinkXml : IUnityLinkerProcessor
    {
        // Runtime/link.xml.meta's guid (scripts/test-csharp.sh checks that they agree).
        const string LinkXmlGuid = "1c4496d1b43742dc8f0fdb3629398fb2";

        public int callbackOrder
        {
            get { return 0; }
        }

        public string GenerateAdditionalLinkXmlFile(BuildReport report, UnityLinkerBuildPipelineData data)
        {
            // An installed package, possibly outside the project ("add from disk"):
            // its real folder, which its "Packages/..." asset path is not.
            var package = UnityEditor.PackageManager.PackageInfo.FindForAssembly(typeof(KgenClient).Assembly);
            if (package != null)
            {
                return Path.Combine(package.resolvedPath, "Runtime/link.xml");
            }
            // Copied under Assets/ instead, where an asset path is a real path.
            string asset = AssetDatabase.GUIDToAssetPath(LinkXmlGuid);
            if (string.IsNullOrEmpty(asset))
            {
                // link.xml is missing (or its .meta was regenerated): build on, and say
                // what stripping may then remove. null tells Unity there is no file.
                UnityEngine.Debug.LogWarning("kgen: Runtime/link.xml was not found; IL2CPP may strip the SDK's " +
                    "callbacks. Reimport the com.kgen.sdk package.");
                return null;
            }
            return Path.GetFullPath(asset);
        }

        // Part of the interface before Unity 2021.2.
        public void OnBeforeRun(BuildReport report, UnityLinkerBuildPipelineData data)
        {
        }

        public void OnAfterRun(BuildReport report, UnityLinkerBuildPipelineData data)
        {
        }
    }
}
