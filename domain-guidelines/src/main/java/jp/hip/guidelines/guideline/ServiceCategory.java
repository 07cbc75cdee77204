package jp.hip.guidelines.guideline;

/** サービス分野 */
public enum ServiceCategory {
    ESTHETICS, RELAXATION, SLEEP, HOME_HEALTH_DEVICES, FITNESS, FOOD_NUTRITION, PHR_APPS, VISITING_BEAUTY, TOURISM, OTHER
}
