package dev.flinkspipeline.flinks.sandbox.data;

public record Address(
        String civicAddress, String city, String province, String postalCode, String poBox, String country) {}
