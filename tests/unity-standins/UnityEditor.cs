// Stand-ins for the UnityEditor types the package's Editor/ code uses (see UnityEngine.cs).
using System;
using System.Reflection;

namespace UnityEditor
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class InitializeOnLoadAttribute : Attribute { }

    public enum PlayModeStateChange { EnteredEditMode, ExitingEditMode, EnteredPlayMode, ExitingPlayMode }

    public static class EditorApplication
    {
        public delegate void CallbackFunction();
        public static CallbackFunction update;
        public static event Action<PlayModeStateChange> playModeStateChanged { add { } remove { } }
        public static event Action quitting { add { } remove { } }
        public static bool isPlaying { get { return false; } }
    }

    public static class AssemblyReloadEvents
    {
        public delegate void AssemblyReloadCallback();
        public static event AssemblyReloadCallback beforeAssemblyReload { add { } remove { } }
    }

    public static class AssetDatabase
    {
        public static string GUIDToAssetPath(string guid) { return ""; }
    }
}

namespace UnityEditor.PackageManager
{
    public sealed class PackageInfo
    {
        public string resolvedPath { get { return ""; } }
        public static PackageInfo FindForAssembly(Assembly assembly) { return null; }
    }
}

namespace UnityEditor.Build.Reporting
{
    public sealed class BuildReport { }
}

namespace UnityEditor.UnityLinker
{
    public sealed class UnityLinkerBuildPipelineData { }
}

namespace UnityEditor.Build
{
    public interface IOrderedCallback
    {
        int callbackOrder { get; }
    }

    public interface IUnityLinkerProcessor : IOrderedCallback
    {
        string GenerateAdditionalLinkXmlFile(Reporting.BuildReport report, UnityLinker.UnityLinkerBuildPipelineData data);
        void OnBeforeRun(Reporting.BuildReport report, UnityLinker.UnityLinkerBuildPipelineData data);
        void OnAfterRun(Reporting.BuildReport report, UnityLinker.UnityLinkerBuildPipelineData data);
    }
}
