use kgen::{Client, Config, CreateSession, ErrorKind, SessionFlow};

use crate::support::{assert_api_error, Env, CLIENT_ID};

#[tokio::test]
async fn a_server_session_carries_tokens_ids_and_the_profile() {
    let env = Env::demo().await;
    let client = env.client();
    let mut request = CreateSession::new("alice");
    request.profile.name = Some("Alice".into());
    request.profile.level = Some(7);
    let response = client.create_session(request).await.unwrap();
    assert_eq!(response.http_status, 200);
    assert!(response.request_id.starts_with("kgen-"));
    assert!(response.raw_body.contains("access_token"));

    let session = response.data;
    let info = session.info();
    assert_eq!(session.user_id(), "alice");
    assert_eq!(session.flow(), SessionFlow::Server);
    assert_eq!(
        info.namespaced_third_party_user_id,
        format!("{CLIENT_ID}#alice")
    );
    assert_eq!(info.profile.name.as_deref(), Some("Alice"));
    assert_eq!(info.profile.level, Some(7));
    assert!(info.is_new_user);
    assert!(!info.wallet_address.is_empty());
    assert!(!info.session_id.is_empty());
    assert!(info
        .session_start_time
        .as_ref()
        .and_then(|t| t.unix_ms)
        .is_some());
    let expires_in = session.expires_at().unwrap() * 1000 - client.server_now_ms();
    assert!(
        (86_000_000..=86_401_000).contains(&expires_in),
        "{expires_in}"
    );

    let again = client
        .create_session(CreateSession::new("alice"))
        .await
        .unwrap()
        .data;
    assert!(
        !again.info().is_new_user,
        "the second session retrieves the player"
    );
    assert_eq!(again.info().wallet_address, info.wallet_address);
}

#[tokio::test]
async fn wrong_credentials_are_un_authorized() {
    let env = Env::demo().await;
    let client = Client::new(env.config().with_client_credentials(CLIENT_ID, "wrong")).unwrap();
    assert_api_error(
        client.create_session(CreateSession::new("bob")).await,
        401,
        "UN_AUTHORIZED",
    );
}

#[tokio::test]
async fn a_session_needs_credentials_and_a_user_id_before_any_request() {
    let env = Env::demo().await;
    let no_secret = Client::new(Config::new(env.sandbox.base_url())).unwrap();
    let e = no_secret
        .create_session(CreateSession::new("bob"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = env
        .client()
        .create_session(CreateSession::new(" "))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert_eq!(env.admin.hits("POST /s2s/session").await, 0);
}

#[tokio::test]
async fn a_game_client_restores_a_session_without_any_secret() {
    let env = Env::demo().await;
    let server_session = env.player("carol").await;
    let token = server_session.access_token();

    let game = Client::new(Config::new(env.sandbox.base_url())).unwrap();
    let session = game.restore_session(token.expose(), None).unwrap();
    assert_eq!(session.flow(), SessionFlow::Client);
    assert_eq!(session.user_id(), "carol");
    assert_eq!(
        session.info().wallet_address,
        server_session.info().wallet_address
    );
    assert_eq!(session.expires_at(), server_session.expires_at());
    let balance = session.wallet_balance().await.unwrap().data;
    assert_eq!(balance.bonus_balance, 50.0);

    let e = game.restore_session("not-a-token", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn one_client_serves_many_players_at_once() {
    let env = Env::demo().await;
    let client = env.client();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let session = client
                    .create_session(CreateSession::new(format!("player-{i}")))
                    .await?
                    .data;
                let balance = session.wallet_balance().await?.data;
                Ok::<_, kgen::Error>((session.user_id().to_owned(), balance.wallet_address))
            })
        })
        .collect();
    let mut wallets = std::collections::HashSet::new();
    for (i, task) in tasks.into_iter().enumerate() {
        let (user, wallet) = task.await.unwrap().unwrap();
        assert_eq!(user, format!("player-{i}"));
        wallets.insert(wallet);
    }
    assert_eq!(wallets.len(), 20, "every player has their own wallet");
}
