import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ProblemList, propsFix, show, ValidationError } from '../core/errors';
import { PropKeys, rejectUnknownProps } from '../core/props';
import { addRenderedObjects } from './cloud-object';
import { AccessGrant, actionsOf, kmsStatement, QueueAccess, sidOf } from './access';
import { connect, ICloudResourceConsumer, IConsumable, namedEnv, UseOptions } from './consumer';
import { IdentityStatement } from './policy';
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
   * Required in protected environments: the default follows the app and the construct id, so moving
   * the queue or renaming either would mean a new, empty queue.
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
export class Queue extends Construct implements IConsumable<QueueAccess, QueueEnvKey> {
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
  private readonly context: RenderContext;
  private readonly encryption: QueueEncryptionModel;
  private readonly deadLetterQueueArn?: string;

  constructor(scope: Construct, id: string, props: QueueProps = {}) {
    super(scope, id);
    rejectUnknownProps(this.node.path, 'Queue', id, { queueName: true, fifo: true, contentBasedDeduplication: true, visibilityTimeout: true, retentionPeriod: true, deliveryDelay: true, receiveWaitTime: true, encryption: true, deadLetterQueue: { maxReceiveCount: true, retentionPeriod: true }, tags: true, envPrefix: true } satisfies PropKeys<QueueProps>, props);
    const { context, flavor } = cloudScopeOf(this, 'Queue');
    const problems = new ProblemList();
    const fifo = props.fifo ?? false;
    const queueName = props.queueName ?? `${context.envName}-${context.appName}-${kebabCase(id)}${fifo ? '.fifo' : ''}`;
    queueNameProblems(problems, 'queueName', queueName, fifo);
    if (context.isProtected && props.queueName === undefined) {
      problems.add(`'queueName' is required in protected environment '${context.envName}': the default (${show(queueName)}) follows the app and the construct id, so moving the queue or renaming either would create a new, empty queue; set queueName: ${show(queueName)} to keep this one`);
    }
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
    this.queueUrl = urlOf(context, queueName);
    this.deadLetterQueueName = dlq?.name;
    this.deadLetterQueueArn = dlq ? arnOf(context, dlq.name) : undefined;
    this.context = context;
    this.encryption = (props.encryption ?? QueueEncryption.sqsManaged()).model;

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
      queueUrl: urlOf(context, queueName),
      messageRetentionSeconds: retention ?? 345_600,
      redrive: dlq ? { deadLetterTargetArn: arnOf(context, dlq.name)!, maxReceiveCount: dlq.maxReceiveCount } : undefined,
    };
    const model: QueueModel = {
      queue,
      deadLetterQueue: dlq ? {
        ...common,
        localName: k8sName(dlq.name),
        queueName: dlq.name,
        queueUrl: urlOf(context, dlq.name),
        messageRetentionSeconds: dlq.retention ?? MAX_RETENTION,
        redriveAllowSourceArns: [this.queueArn!],
      } : undefined,
    };
    const render = renderersFor(flavor).queue;
    [this.resource] = addRenderedObjects(this, () => render(model, context));
  }

  /**
   * `<PREFIX>_QUEUE_NAME`, `<PREFIX>_QUEUE_REGION` and, when the account id is known,
   * `<PREFIX>_QUEUE_URL`, or the names given per value.
   */
  public consumerEnv(names?: Partial<Record<QueueEnvKey, string>>): Record<string, string> {
    return namedEnv(this.node.path, {
      name: { name: envVarName(this.envPrefix, 'QUEUE', 'NAME'), value: this.queueName },
      url: { name: envVarName(this.envPrefix, 'QUEUE', 'URL'), value: this.queueUrl, missing: `set accountId on environment '${this.context.envName}'` },
      region: { name: envVarName(this.envPrefix, 'QUEUE', 'REGION'), value: this.region },
    }, names);
  }

  /** Tells `consumer` where the queue is, makes it depend on the queue, and grants `options.access`. */
  public connectTo(consumer: ICloudResourceConsumer, options?: UseOptions<QueueAccess, QueueEnvKey>): void {
    connect(this, consumer, options, () => this.accessGrant());
  }

  /**
   * `consume`: receive, delete, change visibility and read attributes, on the queue and its dead-letter
   * queue (to inspect and redrive failed messages); `send`: `sqs:SendMessage` and the attributes, on
   * the queue only. With a KMS key: `kms:Decrypt` to consume, `kms:GenerateDataKey` and `kms:Decrypt`
   * to send (SQS's documented needs).
   */
  private accessGrant(): AccessGrant<QueueAccess> {
    if (!this.queueArn) {
      throw new ValidationError(this.node.path, `granting access to queue ${show(this.queueName)} needs its ARN, which needs environment '${this.context.envName}''s AWS account id`,
        `set accountId on the environment's flavor, e.g. CloudFlavor.crossplane({ accountId: '123456789012' })`);
    }
    const queueArn = this.queueArn;
    return {
      levels: ['consume', 'send', 'consume-send'],
      statements: (levels) => {
        const consume = levels.has('consume') || levels.has('consume-send');
        const send = levels.has('send') || levels.has('consume-send');
        const read = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
        const consumeActions = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'];
        const sid = sidOf(this.node.id, 'Queue');
        const statements: IdentityStatement[] = [{
          Sid: sid,
          Effect: 'Allow',
          Action: actionsOf(read, consume ? consumeActions : [], send ? ['sqs:SendMessage'] : []),
          Resource: [queueArn],
        }];
        if (consume && this.deadLetterQueueArn) {
          statements.push({ Sid: sidOf(this.node.id, 'DeadLetterQueue'), Effect: 'Allow', Action: actionsOf(read, consumeActions), Resource: [this.deadLetterQueueArn] });
        }
        if (this.encryption.kind === 'kms') {
          const key = kmsStatement(`${sid}Key`, [...(consume ? ['kms:Decrypt'] : []), ...(send ? ['kms:Decrypt', 'kms:GenerateDataKey'] : [])], this.encryption.kmsKeyId, this.context);
          if (key) statements.push(key);
        }
        return statements;
      },
    };
  }
}

/** The values a queue hands its consumers. */
export type QueueEnvKey = 'name' | 'url' | 'region';

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

/** `https://sqs.<region>.<dns suffix>/<account>/<name>`, the form SQS returns, when the account id is known. */
function urlOf(ctx: RenderContext, queueName: string): string | undefined {
  return ctx.accountId ? `https://sqs.${ctx.region}.${dnsSuffixOf(ctx.partition)}/${ctx.accountId}/${queueName}` : undefined;
}

/** A queue name as an object name: `Orders_Queue.fifo` → `orders-queue-fifo`. */
function k8sName(queueName: string): string {
  return queueName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}
