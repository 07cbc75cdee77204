package jp.hip.web.accounting;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;

/**
 * Puts this year's investment totals (and their chart) on the company home page ({@code /company}), whose
 * controller belongs to the platform: the accounting module adds its card without touching it.
 */
@Configuration(proxyBeanMethods = false)
class CompanyHomeTotals implements WebMvcConfigurer, HandlerInterceptor {

    private final HealthAccounting accounting;

    CompanyHomeTotals(HealthAccounting accounting) {
        this.accounting = accounting;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/company");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav == null || !"GET".equals(request.getMethod()) || !"home/company".equals(mav.getViewName())) {
            return;
        }
        FiscalYear year = FiscalYear.current();
        var totals = accounting.totalsByExpenseType(year);
        var bars = Charts.bars("accounting.expenseType.", totals);
        mav.addObject("accTotals", totals);
        mav.addObject("accTotal", totals.values().stream().reduce(jp.hip.accounting.Yen.ZERO, jp.hip.accounting.Yen::plus));
        mav.addObject("accBars", bars);
        mav.addObject("accChartHeight", Charts.height(bars));
        mav.addObject("accYear", year);
        mav.addObject("accMeasureCount", accounting.measures(year).size());
    }
}
