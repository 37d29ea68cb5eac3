// The benchmark's sheet (issue 18): n enterprises with eight expense categories each, as CSV
// text, for bench/batch.mjs and bench/batch-json.mjs.

const CATS = ["platform_onboarding", "brand_promotion", "livestream_service", "public_livestream_room", "certification", "overseas_showroom", "training", "overseas_legal"];
/** n enterprises, eight expense categories each (conditions given), as CSV text. */
export function benchCsv(n) {
  const header = ["enterprise", "year", ...CATS, "public_livestream_room.recognized_industry_belt", "overseas_showroom.showroom_months", "training.accredited"];
  const out = [header.join(",")];
  for (let i = 0; i < n; i++) {
    const h = (k) => ((i + 1) * 2654435761 + k * 40503) % 1000003;
    const row = ["企业" + i, String(2025 + (i % 3))];
    CATS.forEach((c, k) => row.push(String((h(k) * 7) % 900000) + "." + String(h(k) % 100).padStart(2, "0")));
    row.push(h(9) % 3 ? "是" : "否", String(h(10) % 24), h(11) % 2 ? "是" : "否");
    out.push(row.join(","));
  }
  return out.join("\r\n") + "\r\n";
}
