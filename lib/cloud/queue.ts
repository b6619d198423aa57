import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PropKeys, rejectUnknownProps } from '../core/props';
import { ProblemList, propsFix, show } from '../core/errors';
import { addRenderedObjects } from './cloud-object';
import { connect, ICloudResourceConsumer, IConsumable } from './consumer';
import { cloudScopeOf, dnsSuffixOf, kebabCase, RenderContext } from './context';
import { QueueEncryptionModel, QueueModel, QueueSpecModel } from './model';
import { renderersFor } from './render';
import { envPrefixOf, envVarName, integerWithin, secondsWithin, tagProblems } from './validate';

/** How a queue encrypts messages at rest. There is no unencrypted option. */
export class QueueEncryption {
  /** SSE-SQS: keys managed by SQS. The default. */
  public static sqsManaged(): QueueEncryption {
    return new QueueEncryption({ kind: 'sqs-managed' });
  }

  /**
   * SSE-KMS with a customer-managed key: its ARN, `alias/<name>`, or key id. Producers need
   * `kms:GenerateDataKey` and consumers `kms:Decrypt` on it.
   */
  public static kms(keyId: string, options: { /** @default Duration.minutes(5) */ readonly dataKeyReuse?: Duration } = {}): QueueEncryption {
    const problems = new ProblemList();
    problems.check(/^(arn:(aws|aws-cn|aws-us-gov):kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|alias\/[A-Za-z0-9/_-]+|[0-9a-f-]{36}|mrk-[0-9a-f]{32})$/.test(keyId),
      `'keyId' (${show(keyId)}) must be a KMS key ARN, alias ARN, "alias/<name>" or key id`);
    const reuse = secondsWithin(problems, 'dataKeyReuse', options.dataKeyReuse ?? Duration.minutes(5), 60, 86_400);
    problems.throwIfAny('QueueEncryption.kms', 'correct the arguments quoted here, e.g. QueueEncryption.kms(\'alias/queues\')');
    return new QueueEncryption({ kind: 'kms', kmsKeyId: keyId, dataKeyReusePeriodSeconds: reuse ?? 300 });
  }

  private constructor(public readonly model: QueueEncryptionModel) {}
}

/** The dead-letter queue that takes messages a consumer failed to process `maxReceiveCount` times. */
export interface DeadLetterQueueOptions {
  /**
   * Receives before a message moves to the dead-letter queue (1 to 1000).
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * How long failed messages are kept; for a standard queue at least the queue's `retentionPeriod`,
   * because SQS keeps a message's original enqueue time when it moves.
   * @default Duration.days(14) - the maximum
   */
  readonly retentionPeriod?: Duration;
}

export interface QueueProps {
  /**
   * The SQS queue name: up to 80 letters, digits, '-' and '_'; FIFO queue names end in `.fifo`.
   * @default - `<environment>-<app>-<id in kebab-case>`, plus `.fifo` for FIFO queues
   */
  readonly queueName?: string;
  /**
   * A FIFO queue: exactly-once processing, in order per message group.
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: deduplicate by a SHA-256 of the body instead of an explicit deduplication id.
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * How long a received message stays invisible to other consumers (0 to 12 hours). Set it above
   * the time a consumer needs to process one message.
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long SQS keeps an unprocessed message (1 minute to 14 days).
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
  /**
   * Delay before a new message can be received (0 to 15 minutes).
   * @default Duration.seconds(0)
   */
  readonly deliveryDelay?: Duration;
  /**
   * Long polling: how long a receive waits for messages (0 to 20 seconds).
   * @default Duration.seconds(20) - fewer empty receives
   */
  readonly receiveWaitTime?: Duration;
  /**
   * @default QueueEncryption.sqsManaged()
   */
  readonly encryption?: QueueEncryption;
  /**
   * The dead-letter queue, or `false` for none.
   * @default - a dead-letter queue `<queueName>-dlq` with maxReceiveCount 5, kept 14 days
   */
  readonly deadLetterQueue?: DeadLetterQueueOptions | false;
  /**
   * Tags, besides gitplane's `gitplane:environment` and `gitplane:app`.
   * @default - gitplane's tags only
   */
  readonly tags?: Record<string, string>;
  /**
   * Prefix of the environment variables consumers get (`<PREFIX>_QUEUE_NAME`, `_QUEUE_URL`, `_QUEUE_REGION`).
   * @default - the construct id in UPPER_SNAKE_CASE
   */
  readonly envPrefix?: string;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]+$/;
const MAX_RETENTION = 1_209_600;

/**
 * An SQS queue with a dead-letter queue, rendered for the environment's cloud flavor. Encrypted
 * (SSE-SQS unless a KMS key is given), long polling on, and the dead-letter queue accepts messages
 * only from this queue. In a protected environment both survive their removal from Git.
 */
export class Queue extends Construct implements IConsumable {
  public readonly queueName: string;
  public readonly region: string;
  /** The queue ARN, when the environment's account id is known. */
  public readonly queueArn?: string;
  /** `https://sqs.<region>.amazonaws.com/<account>/<name>`, when the account id is known. */
  public readonly queueUrl?: string;
  /** The dead-letter queue's name, if there is one. */
  public readonly deadLetterQueueName?: string;
  /** The primary object: the Crossplane or ACK `Queue`. */
  public readonly resource: ApiObject;
  private readonly envPrefix: string;

  constructor(scope: Construct, id: string, props: QueueProps = {}) {
    super(scope, id);
    rejectUnknownProps(this.node.path, 'Queue', id, { queueName: true, fifo: true, contentBasedDeduplication: true, visibilityTimeout: true, retentionPeriod: true, deliveryDelay: true, receiveWaitTime: true, encryption: true, deadLetterQueue: { maxReceiveCount: true, retentionPeriod: true }, tags: true, envPrefix: true } satisfies PropKeys<QueueProps>, props);
    const { context, flavor } = cloudScopeOf(this, 'Queue');
    const problems = new ProblemList();
    const fifo = props.fifo ?? false;
    const queueName = props.queueName ?? `${context.envName}-${context.appName}-${kebabCase(id)}${fifo ? '.fifo' : ''}`;
    queueNameProblems(problems, 'queueName', queueName, fifo);
    if (props.contentBasedDeduplication && !fifo) {
      problems.add(`'contentBasedDeduplication' applies to FIFO queues only; set 'fifo: true' or remove it`);
    }
    const visibility = secondsWithin(problems, 'visibilityTimeout', props.visibilityTimeout ?? Duration.seconds(30), 0, 43_200);
    const retentionDuration = props.retentionPeriod ?? Duration.days(4);
    const retention = secondsWithin(problems, 'retentionPeriod', retentionDuration, 60, MAX_RETENTION);
    const delay = secondsWithin(problems, 'deliveryDelay', props.deliveryDelay ?? Duration.seconds(0), 0, 900);
    const wait = secondsWithin(problems, 'receiveWaitTime', props.receiveWaitTime ?? Duration.seconds(20), 0, 20);
    tagProblems(problems, props.tags ?? {}, Object.keys(context.tags));
    this.envPrefix = envPrefixOf(problems, id, props.envPrefix);

    const dlqOptions = props.deadLetterQueue === false ? undefined : (props.deadLetterQueue ?? {});
    let dlq: { name: string; maxReceiveCount: number; retention?: number } | undefined;
    if (dlqOptions) {
      const maxReceiveCount = dlqOptions.maxReceiveCount ?? 5;
      integerWithin(problems, 'deadLetterQueue.maxReceiveCount', maxReceiveCount, 1, 1000);
      const dlqRetentionDuration = dlqOptions.retentionPeriod ?? Duration.days(14);
      const dlqRetention = secondsWithin(problems, 'deadLetterQueue.retentionPeriod', dlqRetentionDuration, 60, MAX_RETENTION);
      if (!fifo && dlqRetention !== undefined && retention !== undefined && dlqRetention < retention) {
        problems.add(`'deadLetterQueue.retentionPeriod' (${dlqRetentionDuration.toHumanString()}) must be at least 'retentionPeriod' (${retentionDuration.toHumanString()}): ` +
          'SQS keeps a message\'s original enqueue time, so failed messages would expire early');
      }
      const base = fifo ? queueName.replace(/\.fifo$/, '') : queueName;
      const name = `${base}-dlq${fifo ? '.fifo' : ''}`;
      if (queueName.length <= 80 && name.length > 80) {
        problems.add(`the dead-letter queue's name (${show(name)}) is ${name.length} characters; the limit is 80: shorten 'queueName' to at most ${80 - (name.length - queueName.length)} characters`);
      }
      if (!context.accountId) {
        problems.add(`a dead-letter queue needs the environment's AWS account id: the redrive policy names the dead-letter queue's ARN`);
      }
      dlq = { name, maxReceiveCount, retention: dlqRetention };
    }
    problems.throwIfAny(this.node.path, dlq && !context.accountId
      ? `set accountId on environment '${context.envName}': cloud: CloudFlavor.${flavor.kind}({ accountId: '123456789012' }), or pass deadLetterQueue: false`
      : propsFix('Queue', id));

    this.queueName = queueName;
    this.region = context.region;
    this.queueArn = arnOf(context, queueName);
    this.queueUrl = context.accountId
      ? `https://sqs.${context.region}.${dnsSuffixOf(context.partition)}/${context.accountId}/${queueName}`
      : undefined;
    this.deadLetterQueueName = dlq?.name;

    const tags = { ...props.tags, ...context.tags };
    const common = {
      fifo,
      contentBasedDeduplication: props.contentBasedDeduplication ?? false,
      visibilityTimeoutSeconds: visibility ?? 30,
      delaySeconds: delay ?? 0,
      receiveWaitTimeSeconds: wait ?? 20,
      encryption: (props.encryption ?? QueueEncryption.sqsManaged()).model,
      tags,
    };
    const queue: QueueSpecModel = {
      ...common,
      localName: k8sName(queueName),
      queueName,
      messageRetentionSeconds: retention ?? 345_600,
      redrive: dlq ? { deadLetterTargetArn: arnOf(context, dlq.name)!, maxReceiveCount: dlq.maxReceiveCount } : undefined,
    };
    const model: QueueModel = {
      queue,
      deadLetterQueue: dlq ? {
        ...common,
        localName: k8sName(dlq.name),
        queueName: dlq.name,
        messageRetentionSeconds: dlq.retention ?? MAX_RETENTION,
        redriveAllowSourceArns: [this.queueArn!],
      } : undefined,
    };
    const render = renderersFor(flavor).queue;
    [this.resource] = addRenderedObjects(this, () => render(model, context));
  }

  /** `<PREFIX>_QUEUE_NAME`, `<PREFIX>_QUEUE_REGION` and, when the account id is known, `<PREFIX>_QUEUE_URL`. */
  public consumerEnv(): Record<string, string> {
    return {
      [envVarName(this.envPrefix, 'QUEUE', 'NAME')]: this.queueName,
      [envVarName(this.envPrefix, 'QUEUE', 'REGION')]: this.region,
      ...(this.queueUrl ? { [envVarName(this.envPrefix, 'QUEUE', 'URL')]: this.queueUrl } : {}),
    };
  }

  /** Tells `consumer` where the queue is and makes it depend on the queue. */
  public connectTo(consumer: ICloudResourceConsumer): void {
    connect(this, consumer);
  }
}

/** Every way `name` breaks the SQS naming rules, added to `problems`. */
function queueNameProblems(problems: ProblemList, prop: string, name: string, fifo: boolean): void {
  const quoted = `'${prop}' (${show(name)})`;
  const base = name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
  if (name.length === 0 || name.length > 80) problems.add(`${quoted} is ${name.length} characters; queue names have 1 to 80, including ".fifo"`);
  if (fifo && !name.endsWith('.fifo')) problems.add(`${quoted} must end in ".fifo" because 'fifo' is true`);
  if (!fifo && name.endsWith('.fifo')) problems.add(`${quoted} ends in ".fifo", which only FIFO queues may; set 'fifo: true' or rename it`);
  if (base.length > 0 && !QUEUE_NAME.test(base)) {
    const bad = [...new Set(base.replace(/[A-Za-z0-9_-]/g, ''))].map((c) => show(c)).join(', ');
    problems.add(`${quoted} contains ${bad}; only letters, digits, '-' and '_' are allowed${fifo ? ' (plus the ".fifo" suffix)' : ''}`);
  }
}

function arnOf(ctx: RenderContext, queueName: string): string | undefined {
  return ctx.accountId ? `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.accountId}:${queueName}` : undefined;
}

/** A queue name as an object name: `Orders_Queue.fifo` → `orders-queue-fifo`. */
function k8sName(queueName: string): string {
  return queueName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}
