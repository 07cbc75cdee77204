package jp.hip.guidelines;

import java.time.Instant;

public record TransitionView(DeclarationStatus from, DeclarationStatus to, String actor, Party party, Instant at,
        String reason) {}
