// First pass of the zh-TW bundles: OpenCC (cn -> twp, Taiwan phrases), then the term table below.
// Run once from a throwaway folder with opencc-js installed (see docs/notes/languages.md):
//   cd /tmp/occ && npm install opencc-js && node /path/to/tools/zh-tw/convert.mjs /path/to/src/main/resources/messages
// Every value was read and corrected by hand afterwards; rerunning overwrites those corrections.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// opencc-js is resolved from the folder the script is run in, not from the repository.
const OpenCC = createRequire(join(process.cwd(), 'x.js'))('opencc-js');

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });

// Applied after OpenCC, on Traditional text: words Taiwan and Hong Kong readers use, and
// official PRC names OpenCC's phrase table would rewrite (a name keeps its words).
const terms = [
  ['程式碼', '代碼'],        // 代码 of a region or category, not program code
  ['許可權', '權限'],        // 权限: permission
  ['賬', '帳'],              // 账号 -> 帳號, 台账 -> 臺帳
  ['身份', '身分'],          // 身分證, the Taiwan (Ministry of Education) form
  ['社群', '社區'],          // 社区 is a residential community here, not an online one
  ['稽核', '審核'],          // 审核: an approval, not an audit
  ['二維碼', 'QR Code'],
  ['掃碼', '掃描 QR Code'],
  ['退出登入', '登出'],
  ['您已安全退出', '您已安全登出'],
  ['主導航', '主選單'],
  ['模板', '範本'],
  ['資料大屏', '資料看板'],
  ['下劃線', '底線'],
  ['擴充套件', '擴充'],
  ['獲取', '取得'],
  ['釋出', '發布'],
  ['型別', '類型'],
  ['物件', '對象'],          // the target of an audited action
  ['引數', '參數'],
  ['當前', '目前'],
  ['重置', '重設'],
  ['訪問以下網址', '造訪以下網址'],
  ['訪問', '存取'],          // 越权访问, 访问此页面: access rights
  ['專案', '項目'],          // the items of a form
  ['空調', '冷氣'],
  ['老舊小區', '老舊社區'],
  ['小區名稱', '社區名稱'],
  ['單元格', '儲存格'],
  ['文本', '文字'],
  ['二進位制', '二進位'],
  ['座機', '市話'],
  ['解壓', '解壓縮'],
  ['註冊已登出', '註冊已註銷'], // 注销 a registration, not signing out
  ['手機號或', '手機號碼或'],
  ['手機號後', '手機號碼後'],
  ['外部系統通過', '外部系統透過'], // 通过 as "by way of"; "passed" (审核通过) stays 通過
];

// Values that are not a conversion of their zh-CN value, by bundle and key.
const values = {
  platform: {
    'nav.logout': '登出',
    'layout.lang.zh-CN': '简体中文', // a language's own name stays in its own script
  },
};

const dir = process.argv[2];
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.properties') || /_(en|zh_TW)\.properties$/.test(name)) continue;
  let text = toTaiwan(readFileSync(join(dir, name), 'utf8'));
  for (const [from, to] of terms) text = text.split(from).join(to);
  // a Latin word between Han characters is set off by spaces, as in the English-mixed text Taiwan prints
  text = text.replace(/([\u4e00-\u9fff])QR Code/g, '$1 QR Code').replace(/QR Code([\u4e00-\u9fff])/g, 'QR Code $1');
  const own = values[name.replace('.properties', '')] ?? {};
  text = text.split('\n').map(line => {
    const key = line.split('=', 1)[0];
    return key in own && !line.startsWith('#') ? `${key}=${own[key]}` : line;
  }).join('\n');
  writeFileSync(join(dir, name.replace('.properties', '_zh_TW.properties')), text);
}
