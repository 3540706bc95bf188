package dev.contractgate.registry;

/** A key just created: the stored record and the secret, which exists only here and is never logged. */
public record IssuedKey(ApiKey key, String secret) {
    @Override
    public String toString() {
        return "IssuedKey[key=" + key + ", secret=***]";
    }
}
