#!/usr/bin/python3
# generate.py — writes the sample county registers and returnee lists in this folder.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Synthetic people (valid check digits, invented names) for one township of Quwo,
# written as real counties' files come: CSV in GB18030 with a title row (Excel and
# WPS on Chinese Windows), CSV in UTF-8 with a byte-order mark (an online form's
# export), XLSX (openpyxl, with date cells). Run again to regenerate; the output is
# the same every time (seeded).
import csv, io, os, random
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261130)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def id_number(region, birth, seq):
    first = f"{region}{birth}{seq:03d}"
    return first + "10X98765432"[sum(int(c) * w for c, w in zip(first, WEIGHTS)) % 11]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文华国华红梅玉兰志强海燕建国春梅丽娟小红永刚晓东"
def name():
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
    return rng.choice(SURNAMES) + given

def phone():
    return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))

def write_csv(path, rows, encoding, title=None):
    with open(os.path.join(HERE, path), "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        if title:
            w.writerow([title])
        w.writerows(rows)

county, county_name = "141021", "曲沃县"
township, township_name = "141021100", "乐昌镇"
grids = [["网格编码", "网格名称", "上级网格编码", "层级"],
         [county, county_name, "", "1"], [township, township_name, county, "2"]]
micro = []
for v, vname in enumerate(["东关村", "西街社区"], start=1):
    vcode = f"{township}{v:03d}"
    grids.append([vcode, vname, township, "3"])
    for g in range(1, 3):
        gcode = f"{vcode}{g:02d}"
        grids.append([gcode, f"第{g}组", vcode, "4"])
        for m in range(1, 3):
            mcode = f"{gcode}{m:02d}"
            grids.append([mcode, f"{vname}{g}组{m}号网格", gcode, "5"])
            micro.append((mcode, vname, g, m))
write_csv("grids.csv", grids, "utf-8-sig")

roles = ["网格长", "网格员", "防疫专员", "中心户长", "包片干部"]
staff = [["序号", "所属网格", "姓名", "联系电话", "职务"]]
for code, vname, g, m in micro:
    staff.append([len(staff), code, name(), phone(), "网格员"])
    staff.append([len(staff), code, name(), phone(), "中心户长"])
staff.append([len(staff), township, name(), phone(), "网格长"])
staff.append([len(staff), township, name(), phone(), "防疫专员"])
staff.append([len(staff), f"{township}001", name(), phone(), "包片干部"])
write_csv("staff.csv", staff, "gb18030")

households = [["户编号", "所属网格", "家庭住址", "户主", "备注"]]
people = [["序号", "姓名", "公民身份号码", "联系电话", "户编号", "与户主关系", "人员状态", "备注"]]
registered = []
for code, vname, g, m in micro:
    for h in range(1, 6):
        hcode = f"{code[-8:]}{h:02d}"
        head = name()
        households.append([hcode, code, f"曲沃县乐昌镇{vname}{g}组{m * 10 + h}号", head, ""])
        members = [("户主", head)] + [(r, name()) for r in rng.sample(["配偶", "子", "女", "父亲", "母亲"], rng.randint(1, 3))]
        for relation, who in members:
            birth = f"{rng.randint(1945, 2015)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            idn = id_number("141021", birth, rng.randint(1, 999))
            state = rng.choices(["在家", "在外", "返乡"], [8, 1, 1])[0]
            people.append([len(people), who, idn, phone() if rng.random() < 0.8 else "", hcode, relation, state, ""])
            registered.append((who, idn, hcode))
write_csv("households.csv", households, "utf-8-sig")
write_csv("people.csv", people, "gb18030", title="乐昌镇人口花名册（2026年11月）")

def newcomer():
    birth = f"{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return name(), id_number(rng.choice(["310104", "440305", "110105", "420106"]), birth, rng.randint(1, 999))

places = [("上海市", "上海市", "徐汇区"), ("广东省", "深圳市", "南山区"), ("北京市", "北京市", "朝阳区"), ("湖北省", "武汉市", "武昌区")]

# Pushed down from above: GB18030, a title row, Chinese headers, dates as typed.
pushed = [["序号", "姓名", "身份证号码", "手机号码", "从何地返回", "是否中高风险地区", "抵曲日期", "交通方式", "所属网格", "备注"]]
for i in range(8):
    who, idn = registered[rng.randrange(len(registered))][:2] if i < 3 else newcomer()
    p = rng.choice(places)
    day = rng.randint(20, 28)
    date = rng.choice([f"2026/11/{day}", f"2026年11月{day}日", f"2026-11-{day}", f"2026.11.{day}"])
    pushed.append([i + 1, who, idn, phone(), "".join(p), rng.choice(["否", "中风险", "高风险"]), date,
                   rng.choice(["G1234", "自驾", "MU5301", "K602"]), rng.choice(micro)[0], ""])
write_csv("returnees-pushed.csv", pushed, "gb18030", title="曲沃县返乡人员推送名单（2026年11月28日）")

# The posters' QR form: UTF-8 with a BOM, the village's code from the poster.
qr = [["提交时间", "姓名", "身份证号", "手机号", "来源省份", "来源城市", "来源区县", "到达日期", "车次/航班", "网格编码", "现住址"]]
for i in range(6):
    who, idn = newcomer()
    p = rng.choice(places)
    day = rng.randint(22, 29)
    qr.append([f"2026-11-{day} 0{rng.randint(7, 9)}:{rng.randint(10, 59)}", who, idn, phone(), *p,
               f"2026-11-{day}", rng.choice(["G1234", "D2510", "自驾"]), f"{township}00{rng.randint(1, 2)}", ""])
write_csv("returnees-qr.csv", qr, "utf-8-sig")

# A grid worker's screening sheet: XLSX with date cells and a household code.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "排查登记"
ws.append(["姓名", "身份证号", "联系电话", "出发地", "返乡日期", "交通方式", "户编码"])
import datetime
for i in range(5):
    if i < 2:
        who, idn, hcode = registered[rng.randrange(len(registered))]
    else:
        (who, idn), hcode = newcomer(), households[rng.randint(1, len(households) - 1)][0]
    p = rng.choice(places)
    ws.append([who, idn, phone(), p[1] + p[2], datetime.date(2026, 11, rng.randint(23, 29)), "自驾", hcode])
for row in ws.iter_rows(min_row=2):
    row[1].number_format = "@"
    row[2].number_format = "@"
    row[4].number_format = "yyyy-mm-dd"
wb.save(os.path.join(HERE, "returnees-screening.xlsx"))
