namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>
    /// Reason codes (M2Mqtt.Core): the MQTT 5 codes plus the MQTT 3.1.1 CONNACK return codes 0x01-0x05, which a
    /// 3.1.1 Connect returns as they come.
    /// </summary>
    public enum MqttReasonCode
    {
        Success = 0x00,
        NormalDisconnection = 0x00,
        GrantedQoS0 = 0x00,
        GrantedQoS1 = 0x01,
        GrantedQoS2 = 0x02,
        DisconnectWithWillMessage = 0x04,
        NoMatchingSubscribers = 0x10,
        NoSubscriptionExisted = 0x11,
        ContinueAuthentication = 0x18,
        ReAuthenticate = 0x19,
        UnspecifiedError = 0x80,
        MalformedPacket = 0x81,
        ProtocolError = 0x82,
        ImplementationSpecificError = 0x83,
        UnsupportedProtocolVersion = 0x84,
        ClientIdentifierNotValid = 0x85,
        BadUserNameOrPassword = 0x86,
        NotAuthorized = 0x87,
        ServerUnavailable = 0x88,
        ServerBusy = 0x89,
        Banned = 0x8A,
        ServeShuttingDown = 0x8B,
        BadAuthenticationMethod = 0x8C,
        KeepAliveTimeout = 0x8D,
        SessionTakenOver = 0x8E,
        TopicFilterInvalid = 0x8F,
        TopicNameInvalid = 0x90,
        PacketIdentifierInUse = 0x91,
        PacketIdentifierNotFound = 0x92,
        ReceiveMaximumExceeded = 0x93,
        TopicAliasInvalid = 0x94,
        PacketTooLarge = 0x95,
        MessageRateTooHigh = 0x96,
        QuotaExceeded = 0x97,
        AdministrativeAction = 0x98,
        PayloadFormatInvalid = 0x99,
        RetainNotSupported = 0x9A,
        QoSNotSupported = 0x9B,
        UseAnotherServer = 0x9C,
        ServerMoved = 0x9D,
        SharedSubscriptionsNotSupported = 0x9E,
        ConnectionRateExceeded = 0x9F,
        MaximumConnectTime = 0xA0,
        SubscriptionIdentifiersNotSupported = 0xA1,
        WildcardSubscriptionsNotSupported = 0xA2,

        /// <summary>MQTT 3.1.1 CONNACK 0x01.</summary>
        ConnectionRefusedUnacceptableProtocolVersion = 0x01,

        /// <summary>MQTT 3.1.1 CONNACK 0x02.</summary>
        ConnectionRefusedIdentifierRejected = 0x02,

        /// <summary>MQTT 3.1.1 CONNACK 0x03.</summary>
        ConnectionRefusedServerUnavailable = 0x03,

        /// <summary>MQTT 3.1.1 CONNACK 0x04.</summary>
        ConnectionRefusedBadUserNameOrPassword = 0x04,

        /// <summary>MQTT 3.1.1 CONNACK 0x05.</summary>
        ConnectionRefusedNotAuthorized = 0x05,
    }
}
