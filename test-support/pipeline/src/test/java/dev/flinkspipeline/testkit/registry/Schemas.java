package dev.flinkspipeline.testkit.registry;

/** Avro schemas used across the registry tests. */
final class Schemas {

    /** Version 1 of a payment event. */
    static final String PAYMENT_V1 = """
            {"type":"record","name":"Payment","namespace":"dev.flinkspipeline.test",
             "fields":[{"name":"loginId","type":"string"}]}""";

    /** Adds a field with a default: BACKWARD (and FORWARD) compatible with v1. */
    static final String PAYMENT_V2 = """
            {"type":"record","name":"Payment","namespace":"dev.flinkspipeline.test",
             "fields":[{"name":"loginId","type":"string"},{"name":"amountCents","type":"long","default":0}]}""";

    /** Adds a field without a default: a v3 reader cannot read v1 data, so not BACKWARD compatible. */
    static final String PAYMENT_REQUIRED_FIELD = """
            {"type":"record","name":"Payment","namespace":"dev.flinkspipeline.test",
             "fields":[{"name":"loginId","type":"string"},{"name":"institution","type":"string"}]}""";

    /** Drops loginId: FORWARD incompatible with v1 (a v1 reader needs loginId), BACKWARD compatible. */
    static final String PAYMENT_WITHOUT_LOGIN = """
            {"type":"record","name":"Payment","namespace":"dev.flinkspipeline.test","fields":[]}""";

    static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
    }

    private Schemas() {}
}
