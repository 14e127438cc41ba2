#if UNITY_5_3_OR_NEWER
using UnityEngine;

namespace Kgen.Unity
{
    /// <summary>
    /// Pumps every client once per frame on the main thread, so tasks end and
    /// events are raised there. Created before the first scene loads, survives
    /// scene changes, hidden from the hierarchy. Runs before other scripts'
    /// Update (execution order -1000), so a result that arrived is seen by
    /// game code in the same frame, at the same point of every frame.
    /// </summary>
    [AddComponentMenu("")]
    [DefaultExecutionOrder(-1000)]
    public sealed class KgenDispatcher : MonoBehaviour
    {
        static KgenDispatcher instance;

        // With "Enter Play Mode Options" (no domain reload) statics survive the
        // previous play session, handlers of destroyed objects included: start
        // from nothing.
        [RuntimeInitializeOnLoadMethod(RuntimeInitializeLoadType.SubsystemRegistration)]
        static void ResetStatics()
        {
            KgenSdk.Shutdown();
            KgenLog.Reset();
            instance = null;
            Application.quitting -= KgenSdk.Shutdown;
        }

        [RuntimeInitializeOnLoadMethod(RuntimeInitializeLoadType.BeforeSceneLoad)]
        static void Create()
        {
            if (instance != null)
            {
                return;
            }
            var host = new GameObject("KgenDispatcher") { hideFlags = HideFlags.HideInHierarchy };
            DontDestroyOnLoad(host);
            instance = host.AddComponent<KgenDispatcher>();
            Application.quitting += KgenSdk.Shutdown;
        }

        void Update()
        {
            KgenSdk.PollAll();
        }

        void OnDestroy()
        {
            if (instance == this)
            {
                instance = null;
            }
        }
    }
}
#endif
