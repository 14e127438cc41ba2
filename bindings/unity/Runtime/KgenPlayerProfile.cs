using Kgen.Native;

namespace Kgen
{
    /// <summary>
    /// The optional player profile sent when a server creates a session. Unset
    /// (null) members are not sent; a <see cref="Level"/> or <see cref="Rank"/> that
    /// is set is sent, 0 included. <see cref="KgenSession.Profile"/> has the echo.
    /// </summary>
    public sealed class KgenPlayerProfile
    {
        public string Name { get; set; }
        public string Username { get; set; }
        public string Email { get; set; }
        public string DeviceId { get; set; }
        public string PhoneNumber { get; set; }
        public long? Level { get; set; }
        public long? Rank { get; set; }
        public string DateJoined { get; set; }
        public string PlayerTag { get; set; }
        public string Location { get; set; }
        public string LocationName { get; set; }
        public string DeviceModel { get; set; }
        public string ScreenHeight { get; set; }
        public string ScreenWidth { get; set; }
        public string OsName { get; set; }
        public string OsVersion { get; set; }
        public string BrowserName { get; set; }
        public string FbLogin { get; set; }
        public string GoogleLogin { get; set; }
        public string AppVersion { get; set; }

        internal unsafe kgen_session_profile ToNative(Utf8Args a)
        {
            return new kgen_session_profile
            {
                struct_size = (uint)sizeof(kgen_session_profile),
                name = a.Add(Name, "Name"),
                username = a.Add(Username, "Username"),
                email = a.Add(Email, "Email"),
                device_id = a.Add(DeviceId, "DeviceId"),
                phonenumber = a.Add(PhoneNumber, "PhoneNumber"),
                level = Level.GetValueOrDefault(),
                rank = Rank.GetValueOrDefault(),
                send_level = Level.HasValue ? 1 : 0,
                send_rank = Rank.HasValue ? 1 : 0,
                date_joined = a.Add(DateJoined, "DateJoined"),
                playertag = a.Add(PlayerTag, "PlayerTag"),
                location = a.Add(Location, "Location"),
                location_name = a.Add(LocationName, "LocationName"),
                device_model = a.Add(DeviceModel, "DeviceModel"),
                screen_height = a.Add(ScreenHeight, "ScreenHeight"),
                screen_width = a.Add(ScreenWidth, "ScreenWidth"),
                os_name = a.Add(OsName, "OsName"),
                os_version = a.Add(OsVersion, "OsVersion"),
                browser_name = a.Add(BrowserName, "BrowserName"),
                fb_login = a.Add(FbLogin, "FbLogin"),
                google_login = a.Add(GoogleLogin, "GoogleLogin"),
                app_version = a.Add(AppVersion, "AppVersion"),
            };
        }
    }
}
