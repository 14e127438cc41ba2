using System;
using System.Linq;
using System.Threading.Tasks;
using Kgen;
using UnityEngine;

/// <summary>
/// Add to any GameObject. In a shipped game the access token comes from your
/// game server (it created the session with its client secret, which never
/// ships in the game); paste one here to try the SDK, or in the editor fill in
/// the sandbox's credentials to let the sample create a session itself.
/// </summary>
public class KgenQuickstart : MonoBehaviour
{
    [Tooltip("KGeN API base URL; for the local sandbox e.g. http://127.0.0.1:8080")]
    public string baseUrl = "http://127.0.0.1:8080";

    [Tooltip("The player's access token, handed out by your game server")]
    public string accessToken = "";

    [Header("Editor only: a local kgen-sandbox's server credentials")]
    public string sandboxClientId = "demo-client";
    public string sandboxClientSecret = "demo-secret";

    KgenClient client;

    async void Start()
    {
        // UseOutbox: scores are written to disk (under Application.persistentDataPath)
        // before SubmitScoreAsync ends, and delivered from there - in a tunnel, after
        // the app was killed, next launch. OutboxEvent says how each one ended.
        client = new KgenClient(new KgenClientOptions { BaseUrl = baseUrl, UseOutbox = true });
        client.SessionExpired += (sender, e) =>
            Debug.Log("kgen: the session needs a new token from the game server");
        client.OutboxEvent += (sender, e) =>
            Debug.Log("kgen: score " + e.Value + " of " + e.UserId + ": " + e.Outcome +
                      (e.Error != null ? " (" + e.Error.Message + ")" : ""));
        try
        {
            KgenSession session = await GetSession();
            // Every await continues here on the main thread: the package's
            // dispatcher polls the client once per frame.
            KgenBalance balance = await client.GetBalanceAsync(session);
            Debug.Log("kgen: " + session.UserId + " has a bonus balance of " + balance.BonusBalance);

            KgenTournamentList live = await client.GetActiveTournamentsAsync(session);
            KgenTournament tournament = live.Tournaments.FirstOrDefault(t => t.Status == KgenTournamentStatus.Started);
            if (tournament == null)
            {
                Debug.Log("kgen: no live tournament right now");
                return;
            }
            try
            {
                await client.JoinTournamentAsync(session, tournament.TournamentUid, tournament.BuyInPrice);
            }
            catch (KgenException e) when (e.ApiError == KgenApiError.ExistingParticipationFound)
            {
                // Joined in an earlier run: carry on.
            }
            // Ends once the score is safely queued; OutboxEvent reports its delivery.
            await client.SubmitScoreAsync(session, tournament.TournamentUid, UnityEngine.Random.Range(0, 1000));
            KgenLeaderboard board = await client.GetLeaderboardAsync(session, tournament.TournamentUid);
            foreach (KgenLeaderboardEntry entry in board.Entries.Take(10))
            {
                Debug.Log("kgen: " + entry.UserId + " " + entry.Score);
            }
        }
        catch (KgenException e)
        {
            Debug.LogError("kgen: " + e.Message + " (" + e.ApiErrorCode + ")");
        }
        catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException)
        {
            // The client was disposed (the object was destroyed, or play mode ended).
        }
    }

    Task<KgenSession> GetSession()
    {
        if (!string.IsNullOrEmpty(accessToken))
        {
            return Task.FromResult(client.RestoreSession(accessToken));
        }
#if UNITY_EDITOR
        return SessionFromLocalSandbox();
#else
        throw new InvalidOperationException("no access token: get one from your game server");
#endif
    }

#if UNITY_EDITOR
    // Stands in for your game server, against a local sandbox only.
    async Task<KgenSession> SessionFromLocalSandbox()
    {
        var options = new KgenClientOptions
        {
            BaseUrl = baseUrl,
            ClientId = sandboxClientId,
            ClientSecret = sandboxClientSecret,
        };
        using (var server = new KgenClient(options))
        {
            KgenSession issued = await server.CreateSessionAsync(SystemInfo.deviceUniqueIdentifier);
            return client.RestoreSession(issued.AccessToken);
        }
    }
#endif

    void OnDestroy()
    {
        if (client != null)
        {
            client.Dispose();
        }
    }
}
