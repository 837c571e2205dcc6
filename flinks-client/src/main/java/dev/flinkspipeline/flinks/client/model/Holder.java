package dev.flinkspipeline.flinks.client.model;

/** The account holder ({@code WithKYC}); personal data: {@link #toString()} hides it. */
public record Holder(String name, Address address, String email, String phoneNumber) {

    @Override
    public String toString() {
        return "Holder[***]";
    }
}
