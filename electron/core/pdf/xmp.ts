// The record's XMP metadata: PDF/A identification (part 2, conformance B), Dublin Core, XMP
// basic and PDF properties consistent with the Info dictionary, and the station's own schema
// (namespace below) with its PDF/A extension-schema description, as PDF/A requires for any
// property outside the predefined schemas. The schema is documented in xmp-schema.md.

export const RECORD_NAMESPACE = 'https://sohoa.vn/ns/record/1.0/';
export const RECORD_PREFIX = 'sohoa';

type ValueType = 'Text' | 'Integer' | 'Boolean' | 'Date';

/** Every property of the station's schema: its XMP value type and meaning (domain.md). */
export const RECORD_PROPERTIES = {
  documentId: ['Text', 'Station document identifier (UUID)'],
  dossierCode: ['Text', 'Dossier code (mã hồ sơ): <agency id>-YYMMDD-<sequence>'],
  kind: ['Text', 'component (thành phần hồ sơ) or result (kết quả)'],
  docTypeCode: ['Text', 'Document type code (mã giấy tờ)'],
  docNumber: ['Text', 'Number and reference (số, ký hiệu)'],
  issueDate: ['Text', 'Issue date (ngày cấp), YYYY-MM-DD'],
  issuer: ['Text', 'Issuing body (cơ quan cấp)'],
  validUntil: ['Text', 'Valid until (thời hạn hiệu lực), YYYY-MM-DD or permanent'],
  ownerName: ['Text', 'Owner (chủ giấy tờ)'],
  ownerIdType: ['Text', 'citizen (12-digit personal id) or organisation (tax code)'],
  ownerIdNumber: ['Text', 'Owner identification number (số định danh)'],
  digitizedAt: ['Date', 'When the paper was converted (ISO 8601, +07:00)'],
  digitizedBy: ['Text', 'Full name of who converted it'],
  unitCode: ['Text', 'Digitizing unit code (mã đơn vị)'],
  level: ['Text', 'Administrative level: tinh, huyen or xa'],
  pageCount: ['Integer', 'Pages of the original'],
  dpi: ['Integer', 'Scanning resolution (lowest of the pages), dots per inch'],
  colorDepth: ['Integer', 'Bits per pixel of the richest page: 24, 8 or 1'],
  pdfaPart: ['Integer', 'PDF/A part this file conforms to'],
  ocr: ['Text', 'Text layer: done, pending, failed, skipped or none'],
} as const satisfies Record<string, readonly [ValueType, string]>;

export type RecordProperty = keyof typeof RECORD_PROPERTIES;
export type RecordValues = Partial<Record<RecordProperty, string | number | boolean>>;

export interface XmpInput {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly creator?: string | undefined;
  readonly keywords?: string | undefined;
  readonly producer: string;
  readonly createDate: string;
  readonly modifyDate: string;
  readonly documentId: string;
  readonly record: RecordValues;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(v)}</rdf:li></rdf:Alt>`;

/** One rdf:Description for every schema (as Adobe's XMP toolkit writes it): the same RDF as one
 * per schema, without repeating the wrapper seven times. */
export function buildXmp(x: XmpInput): string {
  const dc = [
    '<dc:format>application/pdf</dc:format>',
    x.title ? `<dc:title>${alt(x.title)}</dc:title>` : '',
    x.description ? `<dc:description>${alt(x.description)}</dc:description>` : '',
    x.creator ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(x.creator)}</rdf:li></rdf:Seq></dc:creator>` : '',
  ].join('');
  const present = (Object.entries(x.record) as [RecordProperty, string | number | boolean][]).filter(([k, v]) => v !== undefined && v !== '' && k in RECORD_PROPERTIES);
  const record = present.map(([k, v]) => `<${RECORD_PREFIX}:${k}>${escapeXml(String(v))}</${RECORD_PREFIX}:${k}>`).join('');
  // The extension schema describes the properties this file uses (all PDF/A asks for): a record
  // indexed with few fields does not carry the descriptions of the others (≈ 250 bytes each).
  const used = new Set(present.map(([k]) => k));
  const properties = (Object.entries(RECORD_PROPERTIES) as [RecordProperty, readonly [ValueType, string]][])
    .filter(([name]) => used.has(name))
    .map(
      ([name, [type, description]]) =>
        `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>${type}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description></rdf:li>`,
    )
    .join('');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:${RECORD_PREFIX}="${RECORD_NAMESPACE}" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>
${dc}
<xmp:CreateDate>${x.createDate}</xmp:CreateDate><xmp:ModifyDate>${x.modifyDate}</xmp:ModifyDate><xmp:MetadataDate>${x.modifyDate}</xmp:MetadataDate><xmp:CreatorTool>${escapeXml(x.producer)}</xmp:CreatorTool>
<pdf:Producer>${escapeXml(x.producer)}</pdf:Producer>${x.keywords ? `<pdf:Keywords>${escapeXml(x.keywords)}</pdf:Keywords>` : ''}
<xmpMM:DocumentID>uuid:${x.documentId}</xmpMM:DocumentID>
${record}
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>SoHoa Station digitized record</pdfaSchema:schema><pdfaSchema:namespaceURI>${RECORD_NAMESPACE}</pdfaSchema:namespaceURI><pdfaSchema:prefix>${RECORD_PREFIX}</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${properties}</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
