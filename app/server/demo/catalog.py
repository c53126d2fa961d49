"""Static reference data for the demo book: cities, vehicles sold in China, streets, relations.

Cities carry the real administrative-division code of one district (the first six digits
of an identity-card number issued there) and the real licence-plate prefix of the city.
Vehicle prices are typical 2024-2025 guide prices in yuan (指导价), used as the upper end
of the loan amount.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    """A city: province, city name, plate prefix (省简称 + 发牌机关代号) and district codes."""

    province: str
    city: str
    plate_prefix: str
    districts: tuple[tuple[str, str], ...]  # (name, 6-digit division code)


CITIES: tuple[City, ...] = (
    City(
        "北京市",
        "北京市",
        "京A",
        (("朝阳区", "110105"), ("海淀区", "110108"), ("丰台区", "110106")),
    ),
    City(
        "上海市",
        "上海市",
        "沪A",
        (("浦东新区", "310115"), ("徐汇区", "310104"), ("闵行区", "310112")),
    ),
    City("天津市", "天津市", "津A", (("和平区", "120101"), ("南开区", "120104"))),
    City(
        "重庆市",
        "重庆市",
        "渝A",
        (("渝中区", "500103"), ("江北区", "500105"), ("渝北区", "500112")),
    ),
    City(
        "广东省",
        "广州市",
        "粤A",
        (("天河区", "440106"), ("越秀区", "440104"), ("番禺区", "440113")),
    ),
    City(
        "广东省",
        "深圳市",
        "粤B",
        (("南山区", "440305"), ("福田区", "440304"), ("宝安区", "440306")),
    ),
    City("广东省", "东莞市", "粤S", (("东城街道", "441900"),)),
    City(
        "浙江省",
        "杭州市",
        "浙A",
        (("西湖区", "330106"), ("拱墅区", "330105"), ("余杭区", "330110")),
    ),
    City("浙江省", "宁波市", "浙B", (("海曙区", "330203"), ("鄞州区", "330212"))),
    City(
        "江苏省",
        "南京市",
        "苏A",
        (("鼓楼区", "320106"), ("玄武区", "320102"), ("江宁区", "320115")),
    ),
    City("江苏省", "苏州市", "苏E", (("姑苏区", "320508"), ("吴中区", "320506"))),
    City(
        "四川省",
        "成都市",
        "川A",
        (("武侯区", "510107"), ("锦江区", "510104"), ("成华区", "510108")),
    ),
    City(
        "湖北省",
        "武汉市",
        "鄂A",
        (("武昌区", "420106"), ("江汉区", "420103"), ("洪山区", "420111")),
    ),
    City("陕西省", "西安市", "陕A", (("雁塔区", "610113"), ("碑林区", "610103"))),
    City("河南省", "郑州市", "豫A", (("金水区", "410105"), ("二七区", "410103"))),
    City("湖南省", "长沙市", "湘A", (("岳麓区", "430104"), ("芙蓉区", "430102"))),
    City("山东省", "济南市", "鲁A", (("历下区", "370102"), ("市中区", "370103"))),
    City("山东省", "青岛市", "鲁B", (("市南区", "370202"), ("崂山区", "370212"))),
    City("安徽省", "合肥市", "皖A", (("蜀山区", "340104"), ("包河区", "340111"))),
    City("福建省", "福州市", "闽A", (("鼓楼区", "350102"), ("仓山区", "350104"))),
    City("福建省", "厦门市", "闽D", (("思明区", "350203"), ("湖里区", "350206"))),
    City("辽宁省", "沈阳市", "辽A", (("和平区", "210102"), ("沈河区", "210103"))),
    City("河北省", "石家庄市", "冀A", (("长安区", "130102"), ("桥西区", "130104"))),
    City("云南省", "昆明市", "云A", (("五华区", "530102"), ("盘龙区", "530103"))),
)

# Rough weights: big cities carry more of the book.
CITY_WEIGHTS: tuple[int, ...] = (
    9,
    9,
    4,
    6,
    8,
    8,
    4,
    7,
    4,
    6,
    5,
    7,
    5,
    4,
    4,
    4,
    3,
    3,
    3,
    2,
    2,
    3,
    2,
    2,
)


@dataclass(frozen=True, slots=True)
class VehicleModel:
    """A brand/model sold in China with a typical guide price range in yuan."""

    brand: str
    model: str
    price_min: int
    price_max: int
    new_energy: bool  # green plates have 6 characters after the prefix
    weight: int


VEHICLES: tuple[VehicleModel, ...] = (
    VehicleModel("比亚迪", "秦PLUS", 79_800, 125_800, True, 12),
    VehicleModel("比亚迪", "汉", 169_800, 259_800, True, 6),
    VehicleModel("比亚迪", "宋PLUS", 129_800, 169_800, True, 8),
    VehicleModel("比亚迪", "海豚", 99_800, 129_800, True, 5),
    VehicleModel("吉利", "星越L", 135_700, 179_700, False, 5),
    VehicleModel("吉利", "帝豪", 68_900, 89_900, False, 7),
    VehicleModel("长安", "CS75 PLUS", 109_900, 149_900, False, 6),
    VehicleModel("丰田", "卡罗拉", 109_800, 159_800, False, 7),
    VehicleModel("丰田", "凯美瑞", 171_800, 269_800, False, 4),
    VehicleModel("大众", "朗逸", 120_900, 155_900, False, 8),
    VehicleModel("大众", "速腾", 129_900, 189_900, False, 6),
    VehicleModel("本田", "雅阁", 169_800, 259_800, False, 4),
    VehicleModel("本田", "思域", 129_900, 179_900, False, 3),
    VehicleModel("日产", "轩逸", 99_800, 144_900, False, 7),
    VehicleModel("特斯拉", "Model 3", 231_900, 335_900, True, 4),
    VehicleModel("特斯拉", "Model Y", 249_900, 354_900, True, 5),
    VehicleModel("理想", "L7", 301_800, 379_800, True, 3),
    VehicleModel("五菱", "宏光MINIEV", 32_800, 50_800, True, 5),
    VehicleModel("哈弗", "H6", 98_900, 154_900, False, 5),
    VehicleModel("奇瑞", "瑞虎8", 99_900, 149_900, False, 4),
    VehicleModel("别克", "英朗", 95_900, 129_900, False, 3),
    VehicleModel("宝马", "3系", 299_900, 404_900, False, 2),
)

STREETS: tuple[str, ...] = (
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平路",
    "新华路",
    "长江路",
    "黄河路",
    "文化路",
    "胜利路",
    "青年路",
    "光明路",
    "朝阳路",
    "东风路",
    "南京路",
    "北京路",
    "学府路",
    "科技路",
    "滨江大道",
    "世纪大道",
    "迎宾路",
    "花园路",
    "幸福路",
    "工业大道",
)

COMPOUNDS: tuple[str, ...] = (
    "阳光花园",
    "锦绣家园",
    "翠湖苑",
    "金色家园",
    "绿地小区",
    "万科城",
    "碧桂园",
    "华府",
    "紫金苑",
    "幸福里",
    "和谐家园",
    "东方明珠苑",
    "保利花园",
    "龙湖春江",
    "恒大名都",
)

EMPLOYER_SUFFIXES: tuple[str, ...] = (
    "科技有限公司",
    "物流有限公司",
    "建设工程有限公司",
    "餐饮管理有限公司",
    "电子有限公司",
    "贸易有限公司",
    "汽车服务有限公司",
    "商贸有限公司",
    "制造有限公司",
    "网络有限公司",
)

RELATED_RELATIONS: tuple[str, ...] = ("spouse", "co_borrower", "guarantor")
EMERGENCY_RELATIONS: tuple[str, ...] = ("parent", "sibling", "friend", "colleague")

TEAMS: tuple[tuple[str, str], ...] = (
    ("team-early", "早期催收组 (M1)"),
    ("team-mid", "中期催收组 (M2-M3)"),
    ("team-late", "后期催收组 (M3+)"),
)

# Which team works which buckets (allocation by bucket); used by the overdue run's default.
TEAM_BUCKETS: dict[str, tuple[str, ...]] = {
    "team-early": ("M1",),
    "team-mid": ("M2", "M3"),
    "team-late": ("M3+",),
}

PRODUCTS: tuple[str, ...] = ("新车贷", "二手车贷", "新能源车贷")
