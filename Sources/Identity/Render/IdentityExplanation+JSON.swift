import GuardrailCore

/// The structured form of an explanation for `whoami --explain -o json|yaml`. Schema: Documentation/Identity.md.
/// Absent facts are omitted rather than `null`; lookups that were not attempted are omitted.
extension IdentityExplanation {
    /// The schema version, bumped on incompatible changes.
    public static let schemaVersion = "guardrail.identity/v1"

    /// The explanation as a JSON object (key order as documented).
    public var json: JSONValue {
        var o = JSONObject()
        o["apiVersion"] = .string(Self.schemaVersion)
        o["kind"] = .string(kind.rawValue)
        o["headline"] = .string(headline)
        o["recognised"] = .bool(isRecognised)
        o["userInfo"] = userInfo.json
        if let cluster { o["cluster"] = .string(cluster) }
        if let aws { o["aws"] = aws.json }
        if let serviceAccount { o["serviceAccount"] = serviceAccount.json }
        if let certificate { o["certificate"] = certificate.json }
        if !details.isEmpty { o["details"] = .array(details.map(\.json)) }
        if let credential { o["credential"] = credential.json }
        if !expiry.isEmpty { o["expiry"] = .array(expiry.map(\.json)) }
        o["groups"] = .array(groups.map(\.json))
        o["otherGroupCount"] = .int(Int64(otherGroupCount))
        if let bindings = bindings.json(items: { .array($0.map(\.json)) }) { o["bindings"] = bindings }
        if let guardrails = guardrails.json(items: { .array($0.map(\.json)) }) { o["guardrails"] = guardrails }
        o["findings"] = .array(findings.map(\.json))
        return .object(o)
    }
}

extension Lookup {
    /// `{"status":"found","items":…}` or `{"status":"unavailable","reason":…,"hint":…}`;
    /// `nil` when not looked up.
    func json(items: (Value) -> JSONValue) -> JSONValue? {
        switch self {
        case .notLookedUp:
            return nil
        case .found(let value):
            return ["status": "found", "items": items(value)]
        case .unavailable(let reason, let hint):
            var o: JSONObject = ["status": "unavailable", "reason": .string(reason)]
            if let hint { o["hint"] = .string(hint) }
            return .object(o)
        }
    }
}

extension JSONObject {
    fileprivate mutating func set(_ key: String, _ value: String?) {
        if let value { self[key] = .string(value) }
    }
}

extension AWSIdentity {
    var json: JSONValue {
        var o = JSONObject()
        o.set("arn", arn)
        o.set("canonicalArn", canonicalArn)
        if let principal {
            var p = JSONObject()
            p["partition"] = .string(principal.partition)
            p["service"] = .string(principal.service)
            switch principal.kind {
            case .assumedRole(let role, let session):
                p["type"] = "assumed-role"
                p["roleName"] = .string(role)
                p["sessionName"] = .string(session)
            case .role(let path, let name):
                p["type"] = "role"
                p["path"] = .string(path)
                p["roleName"] = .string(name)
            case .user(let path, let name):
                p["type"] = "user"
                p["path"] = .string(path)
                p["userName"] = .string(name)
            case .federatedUser(let name):
                p["type"] = "federated-user"
                p["userName"] = .string(name)
            case .root:
                p["type"] = "root"
            }
            o["principal"] = .object(p)
        }
        o.set("account", account)
        if let principalID {
            var p: JSONObject = ["id": .string(principalID)]
            p.set("kind", AWSIDPrefix(of: principalID)?.meaning)
            o["principalId"] = .object(p)
        }
        if let accessKeyID {
            var k: JSONObject = ["id": .string(accessKeyID)]
            k.set("kind", AWSIDPrefix(of: accessKeyID)?.meaning)
            o["accessKey"] = .object(k)
        }
        o.set("sessionName", sessionName)
        o.set("sessionOrigin", sessionOrigin)
        if let identityCenter {
            o["identityCenter"] = ["permissionSet": .string(identityCenter.permissionSet),
                                   "suffix": .string(identityCenter.suffix)]
        }
        if let usernameTemplate {
            o["usernameTemplate"] = [
                "template": .string(usernameTemplate.template),
                "placeholders": .array(usernameTemplate.placeholders.map(JSONValue.string)),
                "explanation": .string(usernameTemplate.explanation),
            ]
        }
        if let mapping {
            o["mapping"] = [
                "source": .string(mapping.source.rawValue), "confidence": .string(mapping.confidence.rawValue),
                "signals": .array(mapping.signals.map(JSONValue.string)),
            ]
        }
        o["administrative"] = .bool(administrative)
        return .object(o)
    }
}

extension ServiceAccountIdentity {
    var json: JSONValue {
        var o: JSONObject = ["namespace": .string(namespace), "name": .string(name)]
        o.set("podName", podName)
        o.set("podUID", podUID)
        o.set("nodeName", nodeName)
        o.set("nodeUID", nodeUID)
        o.set("credentialID", credentialID)
        if let aws = workloadCredentials.json(items: { $0.json }) { o["awsCredentials"] = aws }
        return .object(o)
    }
}

extension WorkloadCredentials {
    var json: JSONValue {
        var o: JSONObject = ["effective": .string(effective.rawValue)]
        o.set("roleArn", roleARN)
        o["signals"] = .array(signals.map(JSONValue.string))
        o["notes"] = .array(notes.map(JSONValue.string))
        return .object(o)
    }
}

extension CertificateIdentity {
    var json: JSONValue {
        var o = JSONObject()
        o.set("commonName", summary.commonName)
        o["organizations"] = .array(summary.organizations.map(JSONValue.string))
        o.set("issuerCommonName", summary.issuerCommonName)
        o.set("notBefore", summary.notBefore?.rfc3339)
        o.set("notAfter", summary.notAfter?.rfc3339)
        o["commonNameMatchesUsername"] = .bool(commonNameMatchesUsername)
        o.set("sha256", summary.sha256)
        if let matchesCredentialID { o["matchesCredentialID"] = .bool(matchesCredentialID) }
        return .object(o)
    }
}

extension Fact {
    var json: JSONValue {
        var o: JSONObject = ["label": .string(label), "value": .string(value)]
        if !note.isEmpty { o["note"] = .string(note) }
        return .object(o)
    }
}

extension CredentialSource {
    var json: JSONValue {
        var o: JSONObject = ["kind": .string(kind)]
        o.set("plugin", plugin)
        o["facts"] = .array(facts.map(\.json))
        return .object(o)
    }
}

extension CredentialExpiry {
    var json: JSONValue {
        var o: JSONObject = ["credential": .string(credential)]
        o.set("expiresAt", expiresAt?.rfc3339)
        if !note.isEmpty { o["note"] = .string(note) }
        return .object(o)
    }
}

extension GroupMeaning {
    var json: JSONValue {
        ["name": .string(name), "meaning": .string(meaning), "severity": .string(severity.rawValue)]
    }
}

extension Finding {
    var json: JSONValue {
        ["severity": .string(severity.rawValue), "message": .string(message)]
    }
}

extension MatchedBinding {
    var json: JSONValue {
        var o: JSONObject = ["kind": .string(kind), "name": .string(name)]
        o.set("namespace", namespace)
        o["roleRef"] = ["kind": .string(roleKind), "name": .string(roleName)]
        var subject: JSONObject = ["kind": .string(subjectKind), "name": .string(subjectName)]
        subject.set("namespace", subjectNamespace)
        o["subject"] = .object(subject)
        o.set("roleProblem", roleProblem)
        return .object(o)
    }
}

extension AimedGuardrail {
    var json: JSONValue {
        ["policy": .string(policy), "rule": .string(rule), "action": .string(action), "summary": .string(summary),
         "relation": .string(relation.rawValue), "selectedBy": .string(selectedBy)]
    }
}
