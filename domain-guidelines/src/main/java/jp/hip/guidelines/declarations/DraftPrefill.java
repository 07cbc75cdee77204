package jp.hip.guidelines.declarations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.DocumentFile;
import jp.hip.guidelines.rules.ChecklistItem;
import jp.hip.guidelines.rules.ChecklistItemsRepository;

/**
 * A new declaration of a guideline starts from the previous one (様式, signatory, every answer with its evidence URL,
 * reason and document), matched to the current checklist by item code, so the association changes only what changed.
 * The pledge is never carried over: it is given again for each declaration.
 */
@Component
public class DraftPrefill {

    private final ChecklistItemsRepository checklistItems;
    private final EvidenceDocumentsRepository evidence;

    DraftPrefill(ChecklistItemsRepository checklistItems, EvidenceDocumentsRepository evidence) {
        this.checklistItems = checklistItems;
        this.evidence = evidence;
    }

    public void fill(Declaration draft, Declaration previous, Actor actor, LocalDate today, Instant now) {
        DeclarationView before = previous.view(today);
        Map<UUID, String> previousCodes = checklistItems.findAllById(before.answers().stream().map(ChecklistAnswer::itemId).toList())
                .stream().collect(Collectors.toMap(ChecklistItem::id, ChecklistItem::code));
        List<ChecklistItem> current = checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(draft.edition());
        Map<String, UUID> currentByCode = current.stream().collect(Collectors.toMap(ChecklistItem::code, ChecklistItem::id));
        Map<UUID, AnswerInput> answers = new HashMap<>();
        for (ChecklistAnswer a : before.answers()) {
            UUID target = currentByCode.get(previousCodes.get(a.itemId()));
            if (target != null) {
                answers.put(target, new AnswerInput(a.answer(), a.evidenceUrl(), a.reason()));
            }
        }
        draft.edit(actor, new Declaration.DraftContent(draft.view(today).formType(), draft.edition(), before.signatoryName(),
                before.signatoryTitle(), false, answers), current.stream().collect(Collectors.toMap(ChecklistItem::id, ChecklistItem::code)));
        for (EvidenceDocument document : evidence.findAllByDeclarationId(previous.id())) {
            String code = previousCodes.get(document.itemId());
            UUID target = currentByCode.get(code);
            if (target != null) {
                DocumentFile file = document.file();
                evidence.save(new EvidenceDocument(draft, target, code, file.fileName(), file.content(), now));
            }
        }
    }
}
