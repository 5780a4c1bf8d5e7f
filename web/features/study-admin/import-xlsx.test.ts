import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from './import-table.ts';
import { columnIndex, readXlsxRecords } from './import-xlsx.ts';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A workbook as Excel writes it: the first sheet is not sheet1.xml, strings are shared. */
function workbook(sheetXml: string, sharedXml?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook ${NS} ${REL_NS}><sheets><sheet name="Antworten" sheetId="3" r:id="rId7"/><sheet name="Alt" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/daten.xml"/>' +
        '</Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>falsch</t></is></c></row></sheetData></worksheet>`,
    ),
    'xl/worksheets/daten.xml': strToU8(sheetXml),
  };
  if (sharedXml !== undefined) files['xl/sharedStrings.xml'] = strToU8(sharedXml);
  return zipSync(files);
}

describe('reading .xlsx files', () => {
  it('reads the first sheet with shared and inline strings, numbers, booleans and gaps', () => {
    const shared =
      `<sst ${NS} count="5" uniqueCount="5">` +
      '<si><t>Bezirk</t></si>' +
      '<si><t xml:space="preserve"> Stadt Chemnitz </t></si>' +
      '<si><r><rPr><b/></rPr><t>fett </t></r><r><t>und normal</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>' +
      '<si><t>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =HYPERLINK("a")</t></si>' +
      '<si><t>Zeile 1_x000D_\nZeile 2 👩🏽‍🔧 مرحبا e&#x301;</t></si>' +
      '</sst>';
    const sheet =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS}><dimension ref="A1:D5"/><sheetData>` +
      '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Antwort</t></is></c><c r="D1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>3</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="s"><v>3</v></c></row>' +
      '<row r="4"><c r="A4" s="2"><v>2.5</v></c><c r="B4" t="str"><f>A4*2</f><v>5</v></c><c r="D4" t="s"><v>4</v></c></row>' +
      '<row r="5"><c r="A5" t="e"><v>#N/A</v></c><c r="B5"/></row>' +
      '</sheetData></worksheet>';
    expect(readXlsxRecords(workbook(sheet, shared))).toEqual([
      { row: 1, values: ['Bezirk', 'Antwort', null, 'fett und normal'] },
      { row: 2, values: [' Stadt Chemnitz ', 3, 'true', '<script>alert("x")</script> & =HYPERLINK("a")'] },
      { row: 4, values: [2.5, '5', null, 'Zeile 1\r\nZeile 2 👩🏽‍🔧 مرحبا e\u0301'] },
      { row: 5, values: ['#N/A', null] },
    ]);
  });

  it('reads sheets written with a namespace prefix and cells without references', () => {
    const sheet =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    expect(readXlsxRecords(workbook(sheet))).toEqual([
      { row: 1, values: ['a', 'b'] },
      { row: 2, values: [1, 2] },
    ]);
  });

  it('refuses what is no workbook', () => {
    expect(() => readXlsxRecords(strToU8('Bezirk;Antwort\n1;2'))).toThrow(ImportFileError);
    expect(() => readXlsxRecords(zipSync({ 'hallo.txt': strToU8('hallo') }))).toThrow(expect.objectContaining({ key: 'xlsxBroken' }));
  });

  it('turns column letters into indices', () => {
    expect(['A1', 'Z9', 'AA10', 'AZ3', 'BA1'].map(columnIndex)).toEqual([0, 25, 26, 51, 52]);
  });
});
