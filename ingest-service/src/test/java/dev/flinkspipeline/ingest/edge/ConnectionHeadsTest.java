package dev.flinkspipeline.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionHeadsTest {

    @Test
    void theWaitForTheNextHeadIsArmedWhenTheLastAnswerEnds() {
        ConnectionHeads heads = new ConnectionHeads();
        heads.began();
        long wait = heads.ended();
        assertThat(wait).isNotEqualTo(ConnectionHeads.NONE);
        assertThat(heads.expired(wait)).isTrue();
        assertThat(heads.expired(wait)).as("a wait runs out once").isFalse();
    }

    @Test
    void aHeadCompleteInTimeDisarmsTheWait() {
        ConnectionHeads heads = new ConnectionHeads();
        heads.began();
        long first = heads.ended();
        heads.began();
        assertThat(heads.expired(first)).isFalse();
        long second = heads.ended();
        assertThat(second).isNotEqualTo(first);
        assertThat(heads.expired(first))
                .as("the timer of an older wait is stale")
                .isFalse();
        assertThat(heads.expired(second)).isTrue();
    }

    @Test
    void nothingIsArmedWhileAnotherRequestIsInProgress() {
        ConnectionHeads heads = new ConnectionHeads();
        heads.began();
        heads.began();
        assertThat(heads.ended()).isEqualTo(ConnectionHeads.NONE);
        long wait = heads.ended();
        assertThat(wait).isNotEqualTo(ConnectionHeads.NONE);
        heads.began();
        assertThat(heads.expired(wait)).isFalse();
    }
}
