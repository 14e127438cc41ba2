using System;

namespace Kgen
{
    /// <summary>
    /// A restored session's token is about to expire or was refused: fetch a new
    /// token from your game server and pass it to <see cref="KgenSession.UpdateTokens"/>.
    /// </summary>
    public sealed class KgenSessionExpiredEventArgs : EventArgs
    {
        internal KgenSessionExpiredEventArgs(KgenSession session)
        {
            Session = session;
        }

        public KgenSession Session { get; private set; }
    }
}
