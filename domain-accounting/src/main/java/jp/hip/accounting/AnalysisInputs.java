package jp.hip.accounting;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.analysis.Analyses;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.MeasureRepository;

/**
 * The facts of a 年度's measures and investment lines as the analyses read them ({@link Analyses.MeasureFacts},
 * {@link Analyses.LineFacts}), so the entities stay package-private (ADR 0105). Current tenant only.
 */
@Service
public class AnalysisInputs {

    private final MeasureRepository measures;
    private final InvestmentLineRepository lines;

    private final TransactionTemplate readOnly;

    AnalysisInputs(MeasureRepository measures, InvestmentLineRepository lines, TransactionTemplate tx) {
        this.measures = measures;
        this.lines = lines;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    public List<Analyses.MeasureFacts> measures(FiscalYear year) {
        return readOnly.execute(s -> measures.findByFiscalYearBetween(year.startYear(), year.startYear()).stream()
                .map(AnalysisInputs::facts).toList());
    }

    /** The lines with their allocations read inside the transaction (the allocations load lazily). */
    public List<Analyses.LineFacts> lines(FiscalYear year) {
        return readOnly.execute(s -> lines.findByFiscalYear(year.startYear()).stream().map(AnalysisInputs::facts).toList());
    }

    static Analyses.MeasureFacts facts(Measure m) {
        return new Analyses.MeasureFacts(m.id(), m.fiscalYear(), m.name(), m.purpose(), m.standardIssues(), m.ownIssues(),
                m.participants(), m.budget());
    }

    static Analyses.LineFacts facts(InvestmentLine l) {
        return new Analyses.LineFacts(l.measureId(), l.fiscalYear(), l.expenseType(), l.resourceView(), l.amount(),
                l.allocatedAmounts());
    }
}
