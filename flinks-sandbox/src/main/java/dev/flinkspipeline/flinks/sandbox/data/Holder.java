package dev.flinkspipeline.flinks.sandbox.data;

public record Holder(String name, Address address, String email, String phoneNumber) {}
