package dev.flinkspipeline.flinks.client.model;

/** A holder's address (personal data: {@link #toString()} hides it). */
public record Address(
        String civicAddress, String city, String province, String postalCode, String poBox, String country) {

    @Override
    public String toString() {
        return "Address[***]";
    }
}
