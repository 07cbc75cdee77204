package jp.hip.guidelines.rules;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ChecklistItemsRepository extends JpaRepository<ChecklistItem, UUID> {
    /** The current revisions of an edition's items: what a new declaration answers. */
    List<ChecklistItem> findByEditionAndRetiredAtIsNullOrderByPositionAsc(String edition);
}
