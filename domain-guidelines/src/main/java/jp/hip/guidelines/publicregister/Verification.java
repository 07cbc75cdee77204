package jp.hip.guidelines.publicregister;

/** The answer to "is this registration number listed, and is its logo valid today?"; entry is null when unknown. */
public record Verification(String registrationNo, PublicEntry entry) {

    public boolean found() {
        return entry != null;
    }
}
