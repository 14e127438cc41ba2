using UnityEditor;
using UnityEditor.Build;
using UnityEditor.Build.Reporting;
using UnityEditor.UnityLinker;

namespace Kgen.Editor
{
    /// <summary>Gives the package's link.xml to the managed code linker (IL2CPP, stripping).</summary>
    class KgenLinkXml : IUnityLinkerProcessor
    {
        public int callbackOrder
        {
            get { return 0; }
        }

        public string GenerateAdditionalLinkXmlFile(BuildReport report, UnityLinkerBuildPipelineData data)
        {
            var package = UnityEditor.PackageManager.PackageInfo.FindForAssembly(typeof(KgenClient).Assembly);
            return System.IO.Path.Combine(package.resolvedPath, "Runtime/link.xml");
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
