use crate::support::Env;

#[tokio::test]
async fn finished_tournaments_show_in_the_history() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 10, 10).await;
    let (winner, loser) = (env.player("s1").await, env.player("s2").await);
    for (p, score) in [(&winner, 100), (&loser, 1)] {
        p.join_tournament(&uid, 10).await.unwrap();
        p.submit_score(&uid, score).await.unwrap();
    }
    assert!(winner.historic_statistics().await.unwrap().data.is_empty());
    env.admin.complete(&uid).await;

    let won = winner.historic_statistics().await.unwrap().data;
    assert_eq!(won.len(), 1);
    assert_eq!(
        (won[0].kind.as_str(), won[0].result.as_str()),
        ("Tournament", "Won")
    );
    assert_eq!(won[0].buy_in_stake, 10.0);
    assert!(won[0].amount_won > 0.0);
    assert!(!won[0].occurred_at_text.is_empty());

    let lost = loser.historic_statistics().await.unwrap().data;
    assert_eq!(
        (lost[0].result.as_str(), lost[0].amount_won),
        ("You Lost", 0.0)
    );
}
