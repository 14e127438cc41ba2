using UnityEditor;

namespace Kgen.Editor
{
    /// <summary>
    /// The editor keeps the native library loaded across play sessions and
    /// script reloads, while the managed side that native threads call into is
    /// replaced: shut every client down (and disconnect the log) before that,
    /// and pump completions in edit mode, where no MonoBehaviour updates.
    /// </summary>
    [InitializeOnLoad]
    static class KgenEditorLifecycle
    {
        static KgenEditorLifecycle()
        {
            AssemblyReloadEvents.beforeAssemblyReload += KgenSdk.Shutdown;
            EditorApplication.playModeStateChanged += state =>
            {
                if (state == PlayModeStateChange.ExitingPlayMode)
                {
                    KgenSdk.Shutdown();
                }
            };
            EditorApplication.quitting += KgenSdk.Shutdown;
            EditorApplication.update += () =>
            {
                if (!EditorApplication.isPlaying)
                {
                    KgenSdk.PollAll();
                }
            };
        }
    }
}
