package org.casefunds.examples.cli;

import java.time.LocalDate;
import java.time.ZoneId;

/** The courts' "today": the date in Beijing. */
final class Dates {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private Dates() {
    }

    static LocalDate today() {
        return LocalDate.now(BEIJING);
    }

    static LocalDate orToday(LocalDate date) {
        return date != null ? date : today();
    }

    /** The decimal text of an amount, with its currency when it is not yuan. */
    static String money(org.joda.money.Money amount) {
        String decimal = amount.getAmount().toPlainString();
        return amount.getCurrencyUnit().getCode().equals("CNY") ? decimal : amount.getCurrencyUnit() + " " + decimal;
    }
}
