package jp.hip.guidelines;

/** Who performs a transition, recorded with it. */
public record Actor(String id, String name, Party party) {

    public static final Actor SYSTEM = new Actor("system", null, Party.SYSTEM);
}
