package dev.flinkspipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void scalesExactAmountsToFourDecimals() {
        assertThat(Money.of(new BigDecimal("1500.25"))).isEqualTo(new BigDecimal("1500.2500"));
        assertThat(Money.of(new BigDecimal("0"))).isEqualTo(new BigDecimal("0.0000"));
        assertThat(Money.of(new BigDecimal("-12.1234")).scale()).isEqualTo(4);
        assertThat(Money.of(new BigDecimal("1.2E+3"))).isEqualTo(new BigDecimal("1200.0000"));
        assertThat(Money.of(new BigDecimal("5.10000"))).isEqualTo(new BigDecimal("5.1000"));
        assertThat(Money.of(new BigDecimal("999999999999999999.9999")).precision())
                .isEqualTo(22);
        assertThat(Money.parse(" 5105.60 ")).isEqualTo(new BigDecimal("5105.6000"));
        assertThat(Money.ofNullable(null)).isNull();
        assertThat(Money.parse(null)).isNull();
    }

    @Test
    void rejectsAmountsThatWouldNeedRounding() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("0.00001")))
                .isInstanceOf(Money.UnrepresentableMoneyException.class)
                .hasMessageContaining("more than 4 decimals")
                .hasMessageContaining("0.00001");
    }

    @Test
    void rejectsAmountsBeyondThePrecision() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1000000000000000000")))
                .isInstanceOf(Money.UnrepresentableMoneyException.class)
                .hasMessageContaining("more than 18 integer digits");
    }

    @Test
    void rejectsNonNumbers() {
        assertThatThrownBy(() -> Money.parse("12,50"))
                .isInstanceOf(Money.UnrepresentableMoneyException.class)
                .hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> Money.of(null)).isInstanceOf(NullPointerException.class);
    }
}
