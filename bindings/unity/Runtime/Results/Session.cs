using System;
using Kgen.Native;

namespace Kgen
{
    /// <summary>
    /// The player profile as <c>/s2s/session</c> echoed it (<see cref="KgenSession.Profile"/>):
    /// every field the server sent back, "" for a text it did not echo.
    /// </summary>
    [Serializable]
    public sealed class KgenSessionProfile
    {
        public string Name;
        public string Username;
        public string Email;
        public string DeviceId;
        public string PhoneNumber;
        public string DateJoined;
        public string PlayerTag;
        public string Location;
        public string LocationName;
        public string DeviceModel;
        /// <summary>As echoed: the platform sends screen sizes as strings.</summary>
        public string ScreenHeight;
        public string ScreenWidth;
        public string OsName;
        public string OsVersion;
        public string BrowserName;
        public string FbLogin;
        public string GoogleLogin;
        public string AppVersion;

        /// <summary>The echoed level; read it only when <see cref="HasLevel"/> (0 is a real level).</summary>
        public long Level;
        public bool HasLevel;

        /// <summary>The echoed rank; read it only when <see cref="HasRank"/> (0 is a real rank).</summary>
        public long Rank;
        public bool HasRank;

        internal static unsafe KgenSessionProfile From(kgen_session_info* info)
        {
            return new KgenSessionProfile
            {
                Name = Utf8.Read(info->name),
                Username = Utf8.Read(info->username),
                Email = Utf8.Read(info->email),
                DeviceId = Utf8.Read(info->device_id),
                PhoneNumber = Utf8.Read(info->phonenumber),
                DateJoined = Utf8.Read(info->date_joined),
                PlayerTag = Utf8.Read(info->playertag),
                Location = Utf8.Read(info->location),
                LocationName = Utf8.Read(info->location_name),
                DeviceModel = Utf8.Read(info->device_model),
                ScreenHeight = Utf8.Read(info->screen_height),
                ScreenWidth = Utf8.Read(info->screen_width),
                OsName = Utf8.Read(info->os_name),
                OsVersion = Utf8.Read(info->os_version),
                BrowserName = Utf8.Read(info->browser_name),
                FbLogin = Utf8.Read(info->fb_login),
                GoogleLogin = Utf8.Read(info->google_login),
                AppVersion = Utf8.Read(info->app_version),
                Level = info->level,
                HasLevel = info->has_level != 0,
                Rank = info->rank,
                HasRank = info->has_rank != 0,
            };
        }
    }
}
