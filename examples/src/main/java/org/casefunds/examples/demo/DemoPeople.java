package org.casefunds.examples.demo;

import java.util.List;
import java.util.SplittableRandom;
import org.casefunds.ledger.cases.BankDetails;

/**
 * Names and bank accounts for the parties of a simulated court: people and companies as they
 * appear in Beijing enforcement cases, drawn from a seeded random source.
 */
final class DemoPeople {
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅志宏海波鹏辉";
    private static final List<String> PLACES = List.of("北京", "朝阳", "海淀", "丰台", "通州", "大兴", "昌平", "顺义");
    private static final List<String> TRADES = List.of("贸易", "建筑工程", "科技", "物业管理", "商贸", "餐饮管理",
            "文化传媒", "机械设备", "房地产开发", "物流");
    private static final List<String> BANKS = List.of("工商银行北京分行", "农业银行北京分行", "中国银行北京分行",
            "建设银行北京分行", "交通银行北京分行", "招商银行北京分行", "北京银行", "邮政储蓄银行北京分行");

    private final SplittableRandom random;

    DemoPeople(SplittableRandom random) {
        this.random = random;
    }

    /** A person's name: surname and one or two given characters. */
    String person() {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = random.nextInt(10) < 7 ? 2 : 1;
        for (int i = 0; i < given; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /** A company's name. */
    String company() {
        return PLACES.get(random.nextInt(PLACES.size())) + person().substring(1) + TRADES.get(random.nextInt(
                TRADES.size())) + "有限公司";
    }

    /** A party: a person most of the time, a company otherwise. */
    String party(int companyPercent) {
        return random.nextInt(100) < companyPercent ? company() : person();
    }

    /** A bank account of {@code holder}. */
    BankDetails account(String holder) {
        StringBuilder number = new StringBuilder("62").append(random.nextInt(10, 30));
        for (int i = 0; i < 14; i++) {
            number.append(random.nextInt(10));
        }
        return BankDetails.of(holder, number.toString(), BANKS.get(random.nextInt(BANKS.size())));
    }
}
