package dev.flinkspipeline.flinks.client;

import java.time.Duration;

/** Client configurations for tests: fixed fake secrets, short timeouts. */
final class TestConfigs {

    static final String CUSTOMER_ID = "43387ca6-0391-4c82-857d-70d95f087ecb";
    static final String SECRET_KEY = "c4569c54-e167-4d34-8de6-f4113bc82414";
    static final String API_KEY = "3d5266a8-b697-48d4-8de6-52e2e2662acc";

    private TestConfigs() {}

    static FlinksClientConfig.Builder forBaseUrl(String baseUrl) {
        return FlinksClientConfig.builder()
                .baseUrl(baseUrl)
                .customerId(CUSTOMER_ID)
                .secretKey(SECRET_KEY)
                .apiKey(API_KEY)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .accountsDetailTimeout(Duration.ofSeconds(5));
    }
}
