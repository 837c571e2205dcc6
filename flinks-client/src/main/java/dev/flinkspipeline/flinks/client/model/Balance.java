package dev.flinkspipeline.flinks.client.model;

import java.math.BigDecimal;

/**
 * An account balance. {@code available} is posted plus pending; {@code current} is posted only;
 * {@code limit} is the credit limit. Each may be null.
 */
public record Balance(BigDecimal available, BigDecimal current, BigDecimal limit) {}
