package jp.hip.guidelines.declarations;

import java.time.Instant;

import jp.hip.guidelines.Party;

public record TransitionView(DeclarationStatus from, DeclarationStatus to, String actor, Party party, Instant at,
        String reason) {}
