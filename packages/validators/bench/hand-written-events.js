// Hand-written checks of the rules the spec gives each trigger event kind: the baseline the
// generated event validators are measured against. Same semantics as the kinds' schemas: the
// required members present, every listed member of its type when present, other members allowed.
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v) => typeof v === "string";
const isInteger = (v) => typeof v === "number" && Number.isInteger(v);
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
const optional = (v, check) => v === undefined || check(v);

function mapOf(v, check) {
  if (!isObject(v)) return false;
  for (const key in v) if (!check(v[key])) return false;
  return true;
}
const stringMap = (v) => mapOf(v, isString);

function nonEmptyArrayOf(v, check) {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
  return true;
}
function arrayOf(v, check) {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
  return true;
}

function cloudEvent(v) {
  return (
    isObject(v) &&
    isString(v.id) &&
    isString(v.source) &&
    isString(v.specversion) &&
    isString(v.type) &&
    optional(v.datacontenttype, isString) &&
    optional(v.subject, isString) &&
    optional(v.time, isString) &&
    optional(v.dataschema, isString) &&
    optional(v.aliyunaccountid, isString) &&
    optional(v.aliyunpublishtime, isString) &&
    optional(v.aliyunoriginalaccountid, isString) &&
    optional(v.aliyuneventbusname, isString) &&
    optional(v.aliyunregionid, isString) &&
    optional(v.aliyunpublishaddr, isString)
  );
}

export function apigateway(v) {
  return (
    isObject(v) &&
    isString(v.path) &&
    isString(v.httpMethod) &&
    stringMap(v.headers) &&
    stringMap(v.queryParameters) &&
    stringMap(v.pathParameters) &&
    isString(v.body) &&
    (v.isBase64Encoded === true ||
      v.isBase64Encoded === false ||
      v.isBase64Encoded === "true" ||
      v.isBase64Encoded === "false")
  );
}

function cdnRecord(r) {
  if (!isObject(r)) return false;
  const p = r.eventParameter;
  return (
    isString(r.eventName) &&
    isString(r.eventVersion) &&
    isString(r.eventSource) &&
    isString(r.region) &&
    isString(r.eventTime) &&
    isString(r.traceId) &&
    isObject(r.resource) &&
    isString(r.resource.domain) &&
    isObject(p) &&
    isString(p.domain) &&
    optional(p.startTime, isInteger) &&
    optional(p.endTime, isInteger) &&
    optional(p.fileSize, isInteger) &&
    optional(p.filePath, isString) &&
    optional(p.objectPath, (o) => arrayOf(o, isString)) &&
    optional(p.createTime, isInteger) &&
    optional(p.completeTime, isInteger) &&
    optional(p.objectType, isString) &&
    optional(p.taskId, isInteger) &&
    optional(p.status, isString) &&
    isObject(r.userIdentity) &&
    isString(r.userIdentity.aliUid)
  );
}
export const cdn = (v) => isObject(v) && nonEmptyArrayOf(v.events, cdnRecord);

const datahubRecord = (r) => isObject(r) && isString(r.eventId) && isInteger(r.systemTime) && isString(r.data);
export function datahub(v) {
  return (
    isObject(v) &&
    isString(v.eventSource) &&
    isString(v.eventName) &&
    isString(v.eventSourceARN) &&
    isString(v.region) &&
    arrayOf(v.records, datahubRecord)
  );
}

function apacheRocketMqMessage(m) {
  return (
    isObject(m) &&
    isString(m.msgId) &&
    isString(m.topic) &&
    mapOf(m.systemProperties, (p) => isString(p) || isNumber(p)) &&
    stringMap(m.userProperties) &&
    isString(m.body)
  );
}
export const eventbridgeApacheRocketmq = (v) => nonEmptyArrayOf(v, apacheRocketMqMessage);

function dtsRecord(r) {
  if (!cloudEvent(r) || !isObject(r.data)) return false;
  const d = r.data;
  const t = d.topicPartition;
  return (
    optional(d.id, isInteger) &&
    optional(
      t,
      (p) =>
        isObject(p) && optional(p.hash, isInteger) && optional(p.partition, isInteger) && optional(p.topic, isString),
    ) &&
    optional(d.offset, isInteger) &&
    optional(d.sourceTimestamp, isInteger) &&
    optional(d.operationType, isString) &&
    optional(d.schema, isObject)
  );
}
export const eventbridgeDts = (v) => nonEmptyArrayOf(v, dtsRecord);

function kafkaMessage(m) {
  if (isString(m)) return true;
  if (!cloudEvent(m) || !isObject(m.data)) return false;
  const d = m.data;
  return (
    isString(d.topic) &&
    isInteger(d.partition) &&
    isInteger(d.offset) &&
    isInteger(d.timestamp) &&
    optional(d.headers, (h) => isObject(h) && Array.isArray(h.headers) && typeof h.isReadOnly === "boolean") &&
    optional(d.key, isString) &&
    isString(d.value)
  );
}
export const eventbridgeKafka = (v) => nonEmptyArrayOf(v, kafkaMessage);

function mnsQueueMessage(m) {
  if (!cloudEvent(m) || !isObject(m.data)) return false;
  const d = m.data;
  return isString(d.requestId) && isString(d.messageId) && isString(d.messageBody);
}
export const eventbridgeMnsQueue = (v) => mnsQueueMessage(v) || nonEmptyArrayOf(v, mnsQueueMessage);

function mqttMessage(m) {
  if (!isObject(m) || !isObject(m.props)) return false;
  const p = m.props;
  return isString(p.firstTopic) && isString(p.secondTopic) && isString(p.clientId) && isString(m.body);
}
export const eventbridgeMqtt = (v) => nonEmptyArrayOf(v, mqttMessage);

function rabbitMqMessage(m) {
  if (!cloudEvent(m) || !isObject(m.data)) return false;
  const { envelope: e, props: p } = m.data;
  return (
    isObject(e) &&
    isInteger(e.deliveryTag) &&
    isString(e.exchange) &&
    typeof e.redeliver === "boolean" &&
    isString(e.routingKey) &&
    isObject(p) &&
    optional(p.messageId, isString) &&
    optional(p.contentEncoding, isString) &&
    m.data.body !== undefined
  );
}
export const eventbridgeRabbitmq = (v) => nonEmptyArrayOf(v, rabbitMqMessage);

function rocketMqMessage(m) {
  if (!cloudEvent(m) || !isObject(m.data)) return false;
  const d = m.data;
  return (
    optional(d.topic, isString) &&
    optional(d.systemProperties, (p) => mapOf(p, (x) => isString(x) || isNumber(x) || typeof x === "boolean")) &&
    optional(d.userProperties, stringMap) &&
    isString(d.body) &&
    optional(d.msgId, isString)
  );
}
export const eventbridgeRocketmq = (v) => rocketMqMessage(v) || nonEmptyArrayOf(v, rocketMqMessage);

export function httpV1(v) {
  if (!isObject(v) || !isObject(v.requestContext)) return false;
  const c = v.requestContext;
  const h = c.http;
  return (
    isString(v.version) &&
    isString(v.rawPath) &&
    stringMap(v.headers) &&
    stringMap(v.queryParameters) &&
    isString(v.body) &&
    typeof v.isBase64Encoded === "boolean" &&
    isString(c.accountId) &&
    isString(c.domainName) &&
    isString(c.domainPrefix) &&
    isObject(h) &&
    isString(h.method) &&
    isString(h.path) &&
    isString(h.protocol) &&
    isString(h.sourceIp) &&
    isString(h.userAgent) &&
    isString(c.requestId) &&
    isString(c.time) &&
    isString(c.timeEpoch) &&
    optional(c.triggerId, isString)
  );
}

export function mnsTopic(v) {
  if (isString(v)) return true;
  if (!isObject(v)) return false;
  const json =
    isString(v.TopicOwner) &&
    isString(v.Message) &&
    isString(v.Subscriber) &&
    isInteger(v.PublishTime) &&
    isString(v.SubscriptionName) &&
    isString(v.MessageMD5) &&
    isString(v.TopicName) &&
    isString(v.MessageId);
  return json || (isString(v.body) && isObject(v.attrs) && isString(v.attrs.Extend));
}

function ossRecord(r) {
  if (!isObject(r) || !isObject(r.oss)) return false;
  const { bucket: b, object: o } = r.oss;
  return (
    isString(r.eventName) &&
    isString(r.eventSource) &&
    isString(r.eventTime) &&
    isString(r.eventVersion) &&
    isObject(b) &&
    isString(b.arn) &&
    isString(b.name) &&
    isString(b.ownerIdentity) &&
    optional(b.virtualBucket, isString) &&
    isObject(o) &&
    isInteger(o.deltaSize) &&
    isString(o.eTag) &&
    isString(o.key) &&
    isInteger(o.size) &&
    optional(o.objectMeta, (m) => isObject(m) && optional(m.mimeType, isString) && optional(m.userMeta, stringMap)) &&
    isString(r.oss.ossSchemaVersion) &&
    isString(r.oss.ruleId) &&
    isString(r.region) &&
    isObject(r.requestParameters) &&
    isString(r.requestParameters.sourceIPAddress) &&
    isObject(r.responseElements) &&
    isString(r.responseElements.requestId) &&
    isObject(r.userIdentity) &&
    isString(r.userIdentity.principalId)
  );
}
export const oss = (v) => isObject(v) && nonEmptyArrayOf(v.events, ossRecord);

export function sls(v) {
  if (!isObject(v) || !isObject(v.source)) return false;
  const s = v.source;
  return (
    isObject(v.parameter) &&
    isString(s.endpoint) &&
    isString(s.projectName) &&
    isString(s.logstoreName) &&
    isInteger(s.shardId) &&
    isString(s.beginCursor) &&
    isString(s.endCursor) &&
    isString(v.jobName) &&
    isString(v.taskId) &&
    isInteger(v.cursorTime)
  );
}

const primaryKeyColumn = (c) => isObject(c) && isString(c.ColumnName) && c.Value !== undefined;
function column(c) {
  return (
    isObject(c) &&
    (c.Type === "Put" || c.Type === "DeleteOneVersion" || c.Type === "DeleteAllVersions") &&
    isString(c.ColumnName) &&
    isInteger(c.Timestamp)
  );
}
function tablestoreRecord(r) {
  return (
    isObject(r) &&
    (r.Type === "PutRow" || r.Type === "UpdateRow" || r.Type === "DeleteRow") &&
    isObject(r.Info) &&
    isInteger(r.Info.Timestamp) &&
    arrayOf(r.PrimaryKey, primaryKeyColumn) &&
    optional(r.Columns, (c) => arrayOf(c, column))
  );
}
export const tablestore = (v) => isObject(v) && isString(v.Version) && arrayOf(v.Records, tablestoreRecord);

export const timer = (v) => isObject(v) && isString(v.triggerTime) && isString(v.triggerName) && isString(v.payload);

/** The checks by kind id. */
export const handWritten = {
  apigateway,
  cdn,
  datahub,
  "eventbridge-apache-rocketmq": eventbridgeApacheRocketmq,
  "eventbridge-dts": eventbridgeDts,
  "eventbridge-kafka": eventbridgeKafka,
  "eventbridge-mns-queue": eventbridgeMnsQueue,
  "eventbridge-mqtt": eventbridgeMqtt,
  "eventbridge-rabbitmq": eventbridgeRabbitmq,
  "eventbridge-rocketmq": eventbridgeRocketmq,
  "http-v1": httpV1,
  "mns-topic": mnsTopic,
  oss,
  sls,
  tablestore,
  timer,
};
