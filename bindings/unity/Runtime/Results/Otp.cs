using System;
namespace Kgen
{
    /// <summary>The answer to a phone registration: the code to pass to <see cref="KgenClient.VerifyPhoneAsync"/>.</summary>
    [Serializable]
    public sealed class KgenOtpRegistration : KgenResponse
    {
        public string AuthCode;
        public bool IsNewUser;
    }
}
