package dev.flinkspipeline.ingest.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagBindingLedgerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(30));
    private static final String X = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    private static final String Y = "27a9ffa0-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

    private final TagBindingLedger ledger = new TagBindingLedger(Duration.ofMinutes(5));

    @Test
    void theFirstClaimOfASessionBindsIt() {
        TagClaim x = claim("s1", X, "c1");
        TagClaim y = claim("s1", Y, "c9");
        ledger.apply(x, NOW);
        ledger.apply(y, NOW);
        assertThat(ledger.decide(x)).contains(BindingDecision.BOUND);
        assertThat(ledger.decide(y)).contains(BindingDecision.OTHER_LOGIN);
        // in the other order, the other login wins: the log order decides, not who asks
        TagBindingLedger other = new TagBindingLedger(Duration.ofMinutes(5));
        other.apply(y, NOW);
        other.apply(x, NOW);
        assertThat(other.decide(x)).contains(BindingDecision.OTHER_LOGIN);
        assertThat(other.decide(y)).contains(BindingDecision.BOUND);
    }

    @Test
    void theSameLoginAgainIsIdempotentButOtherContentIsAConflict() {
        ledger.apply(claim("s1", X, "c1"), NOW);
        ledger.apply(claim("s1", X, "c2"), NOW);
        assertThat(ledger.decide(claim("s1", X, "c1"))).contains(BindingDecision.BOUND);
        assertThat(ledger.decide(claim("s1", X, "c2"))).contains(BindingDecision.OTHER_CONTENT);
        assertThat(ledger.decide(claim("s1", X, null)))
                .as("a failure naming the login")
                .contains(BindingDecision.BOUND);
    }

    @Test
    void aClaimWithoutContentBindsTheLoginAndTheFirstContentFollows() {
        ledger.apply(claim("s1", X, null), NOW);
        assertThat(ledger.decideWithoutWriting(claim("s1", X, "c1")))
                .as("content not known yet: write first")
                .isEmpty();
        assertThat(ledger.decideWithoutWriting(claim("s1", Y, "c1"))).contains(BindingDecision.OTHER_LOGIN);
        ledger.apply(claim("s1", Y, "c7"), NOW);
        ledger.apply(claim("s1", X, "c1"), NOW);
        ledger.apply(claim("s1", X, "c2"), NOW);
        assertThat(ledger.decide(claim("s1", X, "c1"))).contains(BindingDecision.BOUND);
        assertThat(ledger.decide(claim("s1", X, "c2"))).contains(BindingDecision.OTHER_CONTENT);
        assertThat(ledger.decide(claim("s1", Y, "c7"))).contains(BindingDecision.OTHER_LOGIN);
    }

    @Test
    void aKnownBindingIsDecidedWithoutWriting() {
        assertThat(ledger.decideWithoutWriting(claim("s1", X, "c1"))).isEmpty();
        ledger.apply(claim("s1", X, "c1"), NOW);
        assertThat(ledger.decideWithoutWriting(claim("s1", X, "c1"))).contains(BindingDecision.BOUND);
        assertThat(ledger.decideWithoutWriting(claim("s1", Y, "c1"))).contains(BindingDecision.OTHER_LOGIN);
        assertThat(ledger.decideWithoutWriting(claim("s1", X, "c2"))).contains(BindingDecision.OTHER_CONTENT);
    }

    @Test
    void sessionsAreIndependent() {
        ledger.apply(claim("s1", X, "c1"), NOW);
        ledger.apply(claim("s2", Y, "c1"), NOW);
        assertThat(ledger.decide(claim("s2", Y, "c1"))).contains(BindingDecision.BOUND);
        assertThat(ledger.decide(claim("s3", X, "c1"))).isEmpty();
    }

    @Test
    void expiredBindingsAreForgottenAfterTheGrace() {
        ledger.apply(claim("s1", X, "c1"), NOW);
        ledger.prune(EXPIRES.plus(Duration.ofMinutes(4)));
        assertThat(ledger.size()).isEqualTo(1);
        ledger.prune(EXPIRES.plus(Duration.ofMinutes(6)));
        assertThat(ledger.size()).isZero();
        // a claim read from the log long after its tag expired is not even kept
        ledger.apply(claim("s1", X, "c1"), EXPIRES.plus(Duration.ofHours(1)));
        assertThat(ledger.decide(claim("s1", X, "c1"))).isEqualTo(Optional.empty());
    }

    @Test
    void theCodecRoundTripsAClaimAndIgnoresForeignRecords() {
        TagClaim withContent = claim("s1", X, "c1");
        TagClaim without = claim("s1", X, null);
        assertThat(ClaimCodec.decode("s1", ClaimCodec.encode(withContent))).contains(withContent);
        assertThat(ClaimCodec.decode("s1", ClaimCodec.encode(without))).contains(without);
        assertThat(new String(ClaimCodec.encode(withContent))).doesNotContain("user");
        assertThat(ClaimCodec.decode("s1", "not json".getBytes())).isEmpty();
        assertThat(ClaimCodec.decode("s1", "{\"v\":2,\"loginId\":\"x\",\"expiresAt\":1}".getBytes()))
                .isEmpty();
        assertThat(ClaimCodec.decode("s1", "[]".getBytes())).isEmpty();
        assertThat(ClaimCodec.decode(null, ClaimCodec.encode(withContent))).isEmpty();
    }

    private static TagClaim claim(String session, String loginId, String content) {
        return new TagClaim(session, loginId, content, EXPIRES);
    }
}
