package dev.flinkspipeline.flinks.client.model;

/** A {@code Links[]} entry: {@code rel}, {@code href}, {@code example}. */
public record Link(String rel, String href, String example) {}
