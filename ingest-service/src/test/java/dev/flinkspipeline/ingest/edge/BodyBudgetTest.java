package dev.flinkspipeline.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void takesWhatFitsAndGivesItBack() {
        BodyBudget budget = new BodyBudget(100);
        assertThat(budget.tryTake(60)).isTrue();
        assertThat(budget.tryTake(41)).isFalse();
        assertThat(budget.used()).isEqualTo(60);
        assertThat(budget.tryTake(40)).isTrue();
        budget.release(100);
        assertThat(budget.used()).isZero();
        assertThatThrownBy(() -> new BodyBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitersAreServedInOrderAsRoomComesBack() {
        BodyBudget budget = new BodyBudget(100);
        budget.tryTake(90);
        List<String> granted = new ArrayList<>();
        budget.await(50, () -> granted.add("first"));
        budget.await(10, () -> granted.add("second"));
        // Nobody jumps the line, not even what would fit.
        assertThat(budget.tryTake(5)).isFalse();
        assertThat(granted).isEmpty();
        budget.release(50);
        assertThat(granted).containsExactly("first", "second");
        assertThat(budget.used()).isEqualTo(100);
    }

    @Test
    void aCancelledWaiterTakesNothing() {
        BodyBudget budget = new BodyBudget(100);
        budget.tryTake(100);
        List<String> granted = new ArrayList<>();
        BodyBudget.Waiter waiter = budget.await(30, () -> granted.add("late"));
        assertThat(budget.cancel(waiter)).isTrue();
        budget.release(100);
        assertThat(granted).isEmpty();
        assertThat(budget.used()).isZero();
        // Granted already: nothing left to cancel.
        BodyBudget.Waiter served = budget.await(30, () -> granted.add("now"));
        assertThat(granted).containsExactly("now");
        assertThat(budget.cancel(served)).isFalse();
    }
}
