package dev.flinkspipeline.tools.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.tools.kafka.RawRecord;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RedrivePlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String LOGIN = "c252e698-d68c-4b89-ba65-d8a03e90bece";

    private static FailedLogin failure(String loginId, FailureStage stage, String reason, Instant at) {
        return new FailedLogin(
                loginId, "failed-" + loginId + "-" + at.toEpochMilli(), stage, reason, at.minusMillis(5), at);
    }

    private static LoginReceived connect(Instant receivedAt, String eventId) {
        return LoginReceived.newBuilder()
                .setEventId(eventId)
                .setLoginId(LOGIN)
                .setInstitution("FlinksCapital")
                .setTag("v1.tag")
                .setUserReference("user-42")
                .setAccountIds(List.of("acc-1", "acc-2"))
                .setFlow(FlinksFlow.WEBHOOK)
                .setVia(LoginSource.REDIRECT_URL)
                .setReceivedAt(receivedAt)
                .build();
    }

    private static RawRecord accounts(Instant at, String redriveIdOrNull) {
        RecordHeaders headers = new RecordHeaders();
        if (redriveIdOrNull != null) {
            RedriveHeader.write(headers, redriveIdOrNull);
        }
        return new RawRecord("flinks.accounts-ready", 0, 1, at, LOGIN, new byte[] {0, 1, 2}, headers);
    }

    @Test
    void onlyEachLoginsLatestFailureIsConsideredThenFiltered() {
        LatestFailures latest = new LatestFailures();
        latest.add(failure(LOGIN, FailureStage.POLL, "POLL_TIMEOUT", T0));
        latest.add(failure(LOGIN, FailureStage.ATTRIBUTES, "RETRIES_EXHAUSTED", T0.plusSeconds(60)));
        latest.add(failure("other", FailureStage.ACCOUNTS, "FLINKS_ERROR", T0.plusSeconds(30)));
        latest.add(failure("late", FailureStage.POLL, "poll_timeout", T0.plusSeconds(7200)));

        assertThat(latest.logins()).isEqualTo(3);
        assertThat(latest.matching(RedriveFilter.ALL))
                .extracting(FailedLogin::loginId)
                .containsExactly("other", LOGIN, "late");
        // The login's POLL failure was superseded by its ATTRIBUTES failure: filtering on it finds nothing.
        assertThat(latest.matching(new RedriveFilter(Set.of("POLL_TIMEOUT"), Set.of(), TimeWindow.ALL, null)))
                .extracting(FailedLogin::loginId)
                .containsExactly("late");
        assertThat(latest.matching(new RedriveFilter(
                        Set.of(), Set.of(FailureStage.ATTRIBUTES, FailureStage.ACCOUNTS), TimeWindow.ALL, null)))
                .extracting(FailedLogin::loginId)
                .containsExactly("other", LOGIN);
        assertThat(latest.matching(new RedriveFilter(
                        Set.of(), Set.of(), new TimeWindow(T0.plusSeconds(30), T0.plusSeconds(3600)), null)))
                .extracting(FailedLogin::loginId)
                .containsExactly("other", LOGIN);
        assertThat(latest.matching(
                        new RedriveFilter(Set.of("retries_exhausted"), Set.of(), TimeWindow.ALL, LOGIN.toUpperCase())))
                .extracting(FailedLogin::loginId)
                .containsExactly(LOGIN);
    }

    @Test
    void stagesAreReadInAnyCaseAndAnUnknownOneIsRefused() {
        assertThat(RedriveFilter.stages(Set.of("poll", "Attributes")))
                .containsExactlyInAnyOrder(FailureStage.POLL, FailureStage.ATTRIBUTES);
        assertThatThrownBy(() -> RedriveFilter.stages(Set.of("KYC")))
                .hasMessageContaining("KYC")
                .hasMessageContaining("ATTRIBUTES");
    }

    @Test
    void anAccountsFailureBecomesAStandardFlowLoginReceivedCopiedFromTheLatestEarlierOne() {
        FailedLogin failed = failure(LOGIN, FailureStage.POLL, "POLL_TIMEOUT", T0);
        LoginTrail trail = new LoginTrail(failed.at());
        trail.sawLoginReceived(connect(T0.minusSeconds(600), "first"), T0.minusSeconds(600));
        LoginReceived second = connect(T0.minusSeconds(300), "second");
        second.setInstitution("Desjardins");
        trail.sawLoginReceived(second, T0.minusSeconds(300));
        trail.sawLoginReceived(connect(T0.plusSeconds(300), "after"), T0.plusSeconds(300));

        RedriveDecision decision = RedrivePlanner.decide(failed, trail, NOW);

        LoginReceived event = ((RedriveAction.SendLogin) decision.action()).event();
        assertThat(event.getEventId())
                .isEqualTo(EventIds.forEvent(
                                LOGIN, null, "LoginReceived", "redrive:" + failed.eventId() + "@" + failed.failedAt())
                        .toString());
        assertThat(event.getLoginId()).isEqualTo(LOGIN);
        assertThat(event.getInstitution()).isEqualTo("Desjardins");
        assertThat(event.getTag()).isEqualTo("v1.tag");
        assertThat(event.getUserReference()).isEqualTo("user-42");
        assertThat(event.getAccountIds()).containsExactly("acc-1", "acc-2");
        assertThat(event.getFlow()).isEqualTo(FlinksFlow.STANDARD);
        assertThat(event.getVia()).isEqualTo(LoginSource.API);
        assertThat(event.getReceivedAt()).isEqualTo(NOW);
        assertThat(decision.repeated()).isFalse();

        trail.sawLoginReceived(event, NOW);
        assertThat(RedrivePlanner.decide(failed, trail, NOW.plusSeconds(60)).repeated())
                .isTrue();
    }

    @Test
    void withoutAnEarlierLoginReceivedTheInstitutionIsUnknown() {
        FailedLogin failed = failure(LOGIN, FailureStage.INGEST, "UNMAPPABLE_WEBHOOK", T0);
        LoginReceived event = ((RedriveAction.SendLogin) RedrivePlanner.decide(failed, new LoginTrail(failed.at()), NOW)
                        .action())
                .event();
        assertThat(event.getInstitution()).isEqualTo("unknown");
        assertThat(event.getTag()).isNull();
        assertThat(event.getUserReference()).isNull();
        assertThat(event.getAccountIds()).isEmpty();
        assertThat(event.getEventId()).isEqualTo(RedriveEvents.loginReceivedId(failed));
    }

    @Test
    void aLoginThatGotFurtherAfterFailingIsSkipped() {
        FailedLogin failed = failure(LOGIN, FailureStage.ACCOUNTS, "FLINKS_ERROR", T0);
        LoginTrail accountsLater = new LoginTrail(failed.at());
        accountsLater.sawAccountsReady(accounts(T0.minusSeconds(10), null));
        assertThat(RedrivePlanner.decide(failed, accountsLater, NOW).redrives())
                .as("accounts before the failure")
                .isTrue();
        accountsLater.sawAccountsReady(accounts(T0.plusSeconds(10), null));
        assertThat(skipReason(RedrivePlanner.decide(failed, accountsLater, NOW)))
                .startsWith("succeeded later: AccountsReady");

        LoginTrail attributesLater = new LoginTrail(failed.at());
        attributesLater.sawAttributesReady(T0.minusSeconds(10));
        assertThat(RedrivePlanner.decide(failed, attributesLater, NOW).redrives())
                .isTrue();
        attributesLater.sawAttributesReady(T0.plusSeconds(10));
        assertThat(skipReason(RedrivePlanner.decide(failed, attributesLater, NOW)))
                .startsWith("succeeded later: AttributesReady");
    }

    @Test
    void anAttributesFailureRepublishesTheLatestAccountsReadyUnlessAttributesCameLater() {
        FailedLogin failed = failure(LOGIN, FailureStage.ATTRIBUTES, "RETRIES_EXHAUSTED", T0);
        LoginTrail trail = new LoginTrail(failed.at());
        assertThat(skipReason(RedrivePlanner.decide(failed, trail, NOW))).contains("no AccountsReady");

        RawRecord older = accounts(T0.minusSeconds(120), null);
        RawRecord latest = accounts(T0.minusSeconds(60), null);
        trail.sawAccountsReady(older);
        trail.sawAccountsReady(latest);
        RedriveDecision decision = RedrivePlanner.decide(failed, trail, NOW);
        RedriveAction.RepublishAccounts republish = (RedriveAction.RepublishAccounts) decision.action();
        assertThat(republish.accounts()).isSameAs(latest);
        assertThat(republish.redriveId()).isEqualTo(RedriveHeader.id(failed.eventId(), failed.failedAt()));
        assertThat(decision.repeated()).isFalse();

        // The re-drive's own copy is no progress, and a second run recognises it.
        trail.sawAccountsReady(accounts(T0.plusSeconds(60), republish.redriveId()));
        RedriveDecision again = RedrivePlanner.decide(failed, trail, NOW);
        assertThat(again.redrives()).isTrue();
        assertThat(again.repeated()).isTrue();
        assertThat(trail.accountsReadyAfter()).isNull();

        trail.sawAttributesReady(T0.plusSeconds(90));
        assertThat(skipReason(RedrivePlanner.decide(failed, trail, NOW)))
                .startsWith("succeeded later: AttributesReady");
    }

    @Test
    void aConnectFailureIsSkippedTheCustomerMustReconnect() {
        FailedLogin failed = failure(LOGIN, FailureStage.CONNECT, "CONNECT_ERROR", T0);
        assertThat(skipReason(RedrivePlanner.decide(failed, new LoginTrail(failed.at()), NOW)))
                .contains("reconnect");
    }

    @Test
    void aFailureOfTheSameEventIdDecidedLaterIsAnotherRedrive() {
        FailedLogin first = new FailedLogin(LOGIN, "same-id", FailureStage.ACCOUNTS, "FLINKS_ERROR", T0, T0);
        FailedLogin again = new FailedLogin(LOGIN, "same-id", FailureStage.ACCOUNTS, "FLINKS_ERROR", NOW, NOW);
        assertThat(RedriveEvents.loginReceivedId(first))
                .isEqualTo(RedriveEvents.loginReceivedId(new FailedLogin(
                        LOGIN, "same-id", FailureStage.ACCOUNTS, "FLINKS_ERROR", T0, T0.plusSeconds(1))));
        assertThat(RedriveEvents.loginReceivedId(first)).isNotEqualTo(RedriveEvents.loginReceivedId(again));
    }

    private static String skipReason(RedriveDecision decision) {
        assertThat(decision.action()).isInstanceOf(RedriveAction.Skip.class);
        return ((RedriveAction.Skip) decision.action()).why();
    }
}
