namespace Kgen
{
    /// <summary>The answer to a phone registration: the code to pass to <see cref="KgenClient.VerifyPhoneAsync"/>.</summary>
    public sealed class KgenOtpRegistration : KgenResponse
    {
        public string AuthCode { get; internal set; }
        public bool IsNewUser { get; internal set; }
    }
}
