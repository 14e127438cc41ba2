//! Concurrent requests: N parallel joins to a tournament of size K give exactly K
//! successes, and the wallets agree with the ledger.

use futures_util::future::join_all;

use crate::support::Env;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_joins_fill_a_tournament_exactly() {
    const PLAYERS: usize = 40;
    const SIZE: i64 = 10;
    let env = Env::start().await;
    let uid = env.tournament("STARTED", 7, SIZE).await;
    let players = join_all((0..PLAYERS).map(|i| env.session_owned(format!("p{i}")))).await;
    let replies = join_all(players.iter().map(|p| env.join(p, &uid, 7))).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    let full = replies
        .iter()
        .filter(|r| r.status == 409 && r.code() == "TOURNAMENT_IS_FULL")
        .count();
    assert_eq!((ok, full), (SIZE as usize, PLAYERS - SIZE as usize));

    let mut spent = 0;
    let mut debited = 0;
    for player in &players {
        spent += 50 - env.balance(player).await["bonus_balance"].as_i64().unwrap();
        debited += env
            .transactions(player)
            .await
            .iter()
            .filter(|t| t["description"]["type"] == "JOIN")
            .map(|t| t["amount"].as_i64().unwrap())
            .sum::<i64>();
    }
    assert_eq!(spent, 7 * SIZE);
    assert_eq!(debited, spent, "every debit is a recorded transaction");
    assert_eq!(env.tournaments().await[0]["participants_count"], SIZE);
}
